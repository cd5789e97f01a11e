/**
 * Stage one of the Dockerfile frontend: bytes to a raw syntax tree (directives, continuations, JSON or shell
 * forms, here-documents), modelled on BuildKit's {@code frontend/dockerfile/parser}.
 */
package dev.shipyard.dockerfile.parser;
