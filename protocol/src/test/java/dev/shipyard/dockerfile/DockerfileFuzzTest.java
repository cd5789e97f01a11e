package dev.shipyard.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.shipyard.dockerfile.instructions.Dockerfile;
import dev.shipyard.dockerfile.instructions.Instruction;
import dev.shipyard.dockerfile.instructions.OnbuildInstruction;
import dev.shipyard.dockerfile.instructions.Stage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Feeds random and mutated Dockerfiles to the parser: nothing but a DockerfileException may come out. */
class DockerfileFuzzTest {

    private static final long SEED = 20_261_129L;
    private static final int RANDOM_INPUTS = 3_000;
    private static final int MUTATIONS_PER_FILE = 60;
    private static final String[] TOKENS = {"FROM ", "RUN ", "COPY ", "ADD ", "ENV ", "ARG ", "LABEL ", "ONBUILD ",
        "HEALTHCHECK ", "CMD ", "SHELL ", "VOLUME ", "EXPOSE ", "USER ", "WORKDIR ", "STOPSIGNAL ", "MAINTAINER ",
        "ENTRYPOINT ", "NONE", " AS ", "--mount=", "type=cache,", "type=secret,", "target=/x", ",", "--from=",
        "--link", "--chown=", "--interval=", "1ms", "--retries=", "--network=", "--", "=", "\"", "'", "\\", "`",
        "\\\n", "`\n", "\n", "\r\n", "\r", " ", "\t", "<<EOF", "<<-EOF", "<<'EOF'", "EOF\n", "\tEOF\n", "<<", "[",
        "]", "[\"a\", \"b\"]", "[1]", "#", "# escape=`\n", "# escape=\\\n", "# syntax=x\n", "# check=skip=all\n",
        "$", "${a:-b}", "a=b", "1.", "\uFEFF", "\u00a0", "\u0085", "\u2028", "0", "-1", "99999999999999999999"};

    @Test
    void parse_randomTokenSoup_throwsOnlyDockerfileException() {
        Random random = new Random(SEED);
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            StringBuilder text = new StringBuilder();
            int tokens = random.nextInt(40);
            for (int t = 0; t < tokens; t++) {
                text.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
            check(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void parse_longRunsOfOneToken_throwOnlyDockerfileException() {
        for (String token : TOKENS) {
            String run = token.repeat(Math.max(1, 20_000 / token.length()));
            check(("FROM a\nRUN " + run).getBytes(StandardCharsets.UTF_8));
            check(("# escape=" + run + "\nFROM a\nENV " + run + "=" + run).getBytes(StandardCharsets.UTF_8));
            check(("FROM a\nRUN --mount=type=tmpfs,target=/t,size=" + run + " x").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void parse_randomBytes_throwsOnlyDockerfileException() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            check(bytes);
        }
    }

    @Test
    void parse_mutatedCorpus_throwsOnlyDockerfileException() throws IOException {
        Random random = new Random(SEED + 2);
        List<byte[]> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThan(50);
        int parsed = 0;
        for (byte[] original : corpus) {
            for (int m = 0; m < MUTATIONS_PER_FILE; m++) {
                byte[] mutated = original;
                int rounds = 1 + random.nextInt(4);
                for (int r = 0; r < rounds; r++) {
                    mutated = mutate(mutated, random, corpus);
                }
                parsed += check(mutated) ? 1 : 0;
            }
        }
        // mutations must also reach the success paths, not only early errors
        assertThat(parsed).isGreaterThan(corpus.size() * MUTATIONS_PER_FILE / 10);
    }

    private static List<byte[]> corpus() throws IOException {
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(DockerfileCasesTest.ROOT)) {
            for (Path path : paths.filter(p -> p.getFileName().toString().equals("Dockerfile")).sorted().toList()) {
                files.add(Files.readAllBytes(path));
            }
        }
        return files;
    }

    private static byte[] mutate(byte[] input, Random random, List<byte[]> corpus) {
        if (input.length == 0) {
            return TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
        }
        int at = random.nextInt(input.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(6)) {
            case 0 -> { // delete a slice
                out.write(input, 0, at);
                int end = Math.min(input.length, at + 1 + random.nextInt(16));
                out.write(input, end, input.length - end);
            }
            case 1 -> { // insert a token
                out.write(input, 0, at);
                out.writeBytes(TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
                out.write(input, at, input.length - at);
            }
            case 2 -> { // flip a byte
                byte[] copy = input.clone();
                copy[at] = (byte) random.nextInt(256);
                return copy;
            }
            case 3 -> { // truncate
                return Arrays.copyOf(input, at);
            }
            case 4 -> { // splice another corpus file in
                byte[] other = corpus.get(random.nextInt(corpus.size()));
                out.write(input, 0, at);
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                out.write(other, from, other.length - from);
            }
            default -> { // duplicate a slice
                int end = Math.min(input.length, at + 1 + random.nextInt(40));
                out.write(input, 0, end);
                out.write(input, at, input.length - at);
            }
        }
        return out.toByteArray();
    }

    /** Parses and expands; true when the input was a valid Dockerfile. */
    private static boolean check(byte[] input) {
        try {
            Dockerfile dockerfile = Dockerfile.parse("Dockerfile", input);
            expandAll(dockerfile);
            return true;
        } catch (DockerfileException expected) {
            assertThat(expected.getMessage()).startsWith("Dockerfile");
            assertThat(expected.detail()).isNotNull();
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            fail("parser threw " + e + " for input (hex) " + HexFormat.of().formatHex(input)
                    + "\n" + new String(input, StandardCharsets.UTF_8), e);
            return false;
        }
    }

    private static void expandAll(Dockerfile dockerfile) {
        for (Stage stage : dockerfile.stages()) {
            stage.from().expand(word -> word);
            for (Instruction instruction : stage.instructions()) {
                instruction.expand(word -> word);
                if (instruction instanceof OnbuildInstruction onbuild) {
                    onbuild.trigger().expand(word -> word);
                }
            }
        }
    }
}
