package dev.shipyard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.oci.archive.ArchiveFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BuildOptionsParsingTest {

    @Test
    void output_eachType_parses() {
        assertThat(OutputSpec.parse("type=oci,dest=out.tar")).isEqualTo(new OutputSpec("oci", Path.of("out.tar")));
        assertThat(OutputSpec.parse("type=docker,dest=d.tar").format()).isEqualTo(ArchiveFormat.DOCKER);
        assertThat(OutputSpec.parse("dest=dir,type=local").type()).isEqualTo("local");
    }

    @Test
    void output_badSpec_isRefusedWithTheReason() {
        assertThatThrownBy(() -> OutputSpec.parse("type=registry,dest=x")).hasMessageContaining("type must be");
        assertThatThrownBy(() -> OutputSpec.parse("type=oci")).hasMessageContaining("dest is required");
        assertThatThrownBy(() -> OutputSpec.parse("oci")).hasMessageContaining("expected type=");
    }

    @Test
    void sizes_suffixes_areBinaryUnits() {
        assertThat(Sizes.parse("64m")).isEqualTo(64L << 20);
        assertThat(Sizes.parse("2G")).isEqualTo(2L << 30);
        assertThat(Sizes.parse("1024")).isEqualTo(1024);
        assertThatThrownBy(() -> Sizes.parse("lots")).hasMessageContaining("invalid size");
    }

    @Test
    void build_badOutput_exitsTwoBeforeRunning() {
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("build", "--local", "-o", "type=ftp,dest=x", ".")).isEqualTo(2);
        assertThat(err.toString()).contains("could not build: invalid --output");
    }
}
