package dev.shipyard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void commandLine_subcommandNamed_onlyThatOneModelled() {
        assertThat(Main.commandLine(new String[] {"build", "--local", "."}).getSubcommands()).containsOnlyKeys("build");
    }

    @Test
    void commandLine_noSubcommandNamed_everyOneListed() {
        assertThat(Main.commandLine(new String[] {"--help"}).getSubcommands())
                .containsOnlyKeys("build", "dockerfile", "image");
        assertThat(Main.commandLine().getSubcommands()).containsOnlyKeys("build", "dockerfile", "image");
    }
}
