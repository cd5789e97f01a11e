package dev.shipyard.dockerfile.instructions;

import dev.shipyard.dockerfile.DockerfileException;
import dev.shipyard.dockerfile.parser.Heredoc;
import dev.shipyard.dockerfile.parser.HeredocWords;
import dev.shipyard.dockerfile.parser.Node;
import java.util.ArrayList;
import java.util.List;

/** COPY and ADD: sources (paths or here-documents), a destination and file-ownership flags. */
final class CopyParsers {

    private CopyParsers() {
    }

    /** Sources split into paths and here-document files, and the destination. */
    private record SourcesAndDest(List<String> paths, List<HeredocFile> files, String destination) {
    }

    static CopyInstruction copy(Node node) {
        requireDestination(node, "COPY");
        Flags flags = new Flags(node.flags()).string("chown").string("from").string("chmod").bool("link")
                .bool("parents").strings("exclude").parse();
        SourcesAndDest sd = sourcesAndDest(node, "COPY");
        return new CopyInstruction(node.range(), node.original(), sd.paths(), sd.files(), sd.destination(),
                flags.value("from"), flags.value("chown"), flags.value("chmod"), flags.isTrue("link"),
                flags.isTrue("parents"), flags.values("exclude"));
    }

    static AddInstruction add(Node node) {
        requireDestination(node, "ADD");
        Flags flags = new Flags(node.flags()).string("chown").string("chmod").bool("link").bool("keep-git-dir")
                .string("checksum").strings("exclude").parse();
        SourcesAndDest sd = sourcesAndDest(node, "ADD");
        return new AddInstruction(node.range(), node.original(), sd.paths(), sd.files(), sd.destination(),
                flags.value("chown"), flags.value("chmod"), flags.isTrue("link"), flags.isTrue("keep-git-dir"),
                flags.value("checksum"), flags.values("exclude"));
    }

    private static void requireDestination(Node node, String keyword) {
        if (node.args().size() < 2) {
            throw new DockerfileException(keyword + " requires at least two arguments, but only one was provided. "
                    + "Destination could not be determined");
        }
    }

    private static SourcesAndDest sourcesAndDest(Node node, String keyword) {
        List<String> args = node.args();
        String destination = args.get(args.size() - 1);
        if (!node.json() && HeredocWords.parse(destination) != null) {
            throw new DockerfileException(keyword + " cannot accept a heredoc as a destination");
        }
        List<String> paths = new ArrayList<>();
        List<HeredocFile> files = new ArrayList<>();
        for (String source : args.subList(0, args.size() - 1)) {
            Heredoc declared = node.json() ? null : HeredocWords.parse(source);
            if (declared == null) {
                paths.add(source);
            } else {
                files.add(heredocFile(node, declared));
            }
        }
        return new SourcesAndDest(paths, files, destination);
    }

    private static HeredocFile heredocFile(Node node, Heredoc declared) {
        String content = "";
        for (Heredoc heredoc : node.heredocs()) {
            if (heredoc.name().equals(declared.name())) {
                content = heredoc.content();
            }
        }
        Heredoc read = new Heredoc(declared.name(), content, declared.expand(), declared.chomp(),
                declared.fileDescriptor());
        return new HeredocFile(read.name(), read.effectiveContent(), read.expand(), read.chomp(),
                read.fileDescriptor());
    }
}
