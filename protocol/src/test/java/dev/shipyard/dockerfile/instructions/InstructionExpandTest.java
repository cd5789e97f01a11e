package dev.shipyard.dockerfile.instructions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipyard.dockerfile.DockerfileException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstructionExpandTest {

    /** Marks every word it sees, so a test can tell expanded fields from untouched ones. */
    private static final WordExpander MARK = word -> "<" + word + ">";

    private static List<Instruction> instructions(String text) {
        Dockerfile dockerfile = Dockerfile.parse("Dockerfile", text.getBytes(StandardCharsets.UTF_8));
        return dockerfile.stages().get(0).instructions();
    }

    private static Instruction only(String text) {
        return instructions("FROM alpine\n" + text).get(0);
    }

    @Test
    void expand_from_expandsImageAndPlatformButNotName() {
        Dockerfile dockerfile = Dockerfile.parse("Dockerfile",
                "FROM --platform=$P img:$V AS Build\n".getBytes(StandardCharsets.UTF_8));
        FromInstruction from = dockerfile.stages().get(0).from().expand(MARK);
        assertThat(from.image()).isEqualTo("<img:$V>");
        assertThat(from.platform()).isEqualTo("<$P>");
        assertThat(from.stageName()).isEqualTo("Build");
        assertThat(dockerfile.stages().get(0).name()).contains("build");
    }

    @Test
    void expand_copy_expandsPathsFlagsAndUnquotedHeredocOnly() {
        CopyInstruction copy = (CopyInstruction) only(
                "COPY --from=$S --chown=$U --chmod=$M --exclude=$E $A <<EOF <<'RAW' $D\nx $Y\nEOF\nraw $Z\nRAW\n")
                .expand(MARK);
        assertThat(copy.sources()).containsExactly("<$A>");
        assertThat(copy.destination()).isEqualTo("<$D>");
        assertThat(copy.from()).isEqualTo("<$S>");
        assertThat(copy.chown()).isEqualTo("<$U>");
        assertThat(copy.chmod()).isEqualTo("<$M>");
        assertThat(copy.excludes()).containsExactly("$E");
        assertThat(copy.heredocSources()).extracting(HeredocFile::content).containsExactly("<x $Y\n>", "raw $Z\n");
    }

    @Test
    void expand_add_expandsChecksumAndPaths() {
        AddInstruction add = (AddInstruction) only("ADD --checksum=$C --chown=$U $SRC $DEST\n").expand(MARK);
        assertThat(add.checksum()).isEqualTo("<$C>");
        assertThat(add.chown()).isEqualTo("<$U>");
        assertThat(add.chmod()).isNull();
        assertThat(add.sources()).containsExactly("<$SRC>");
        assertThat(add.destination()).isEqualTo("<$DEST>");
    }

    @Test
    void expand_envLabelArg_expandValuesAndLabelKeys() {
        List<Instruction> expanded = instructions("FROM alpine\nENV K=$V\nLABEL $K=$V\nARG A=$D B\n").stream()
                .map(i -> i.expand(MARK)).toList();
        assertThat(((EnvInstruction) expanded.get(0)).variables()).containsExactly(new KeyValue("K", "<$V>"));
        assertThat(((LabelInstruction) expanded.get(1)).labels()).containsExactly(new KeyValue("<$K>", "<$V>"));
        assertThat(((ArgInstruction) expanded.get(2)).args())
                .containsExactly(new ArgDefinition("A", "<$D>"), new ArgDefinition("B", null));
    }

    @Test
    void expand_singleValueInstructions_expandTheirValue() {
        List<Instruction> expanded = instructions(
                "FROM alpine\nWORKDIR $W\nUSER $U\nSTOPSIGNAL $S\nEXPOSE $P 80\nVOLUME $V\n").stream()
                .map(i -> i.expand(MARK)).toList();
        assertThat(((WorkdirInstruction) expanded.get(0)).path()).isEqualTo("<$W>");
        assertThat(((UserInstruction) expanded.get(1)).user()).isEqualTo("<$U>");
        assertThat(((StopSignalInstruction) expanded.get(2)).signal()).isEqualTo("<$S>");
        assertThat(((ExposeInstruction) expanded.get(3)).ports()).containsExactly("<$P>", "<80>");
        assertThat(((VolumeInstruction) expanded.get(4)).volumes()).containsExactly("<$V>");
    }

    @Test
    void expand_run_expandsMountOptionsButNotCommand() {
        RunInstruction run = (RunInstruction) only("RUN --mount=type=cache,target=$T,id=$I echo $HOME\n");
        RunInstruction expanded = run.expand(word -> word.replace("$T", "/cache").replace("$I", "id1"));
        assertThat(expanded.command()).containsExactly("echo $HOME");
        assertThat(expanded.mounts().get(0).target()).isEqualTo("/cache");
        assertThat(expanded.mounts().get(0).id()).isEqualTo("id1");
        assertThat(expanded.mounts().get(0).sharing()).isEqualTo(CacheSharing.SHARED);
    }

    @Test
    void expand_runMountUidExpandsToNonNumber_failsAtTheInstructionLine() {
        RunInstruction run = (RunInstruction) only("RUN --mount=type=cache,target=/c,uid=$U true\n");
        assertThatThrownBy(() -> run.expand(word -> word.replace("$U", "root")))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("dockerfile parse error on line 2: invalid value root for uid");
    }

    @Test
    void expand_commandInstructions_returnThemselves() {
        List<Instruction> all = instructions("FROM alpine\nCMD echo $A\nENTRYPOINT [\"$B\"]\nSHELL [\"$C\"]\n"
                + "HEALTHCHECK CMD $D\nONBUILD RUN $E\nMAINTAINER $F\n");
        for (Instruction instruction : all) {
            assertThat(instruction.expand(MARK)).isSameAs(instruction);
        }
    }
}
