package dev.shipyard.worker.engine;

import dev.shipyard.dockerfile.instructions.CmdInstruction;
import dev.shipyard.dockerfile.instructions.EntrypointInstruction;
import dev.shipyard.dockerfile.instructions.EnvInstruction;
import dev.shipyard.dockerfile.instructions.ExposeInstruction;
import dev.shipyard.dockerfile.instructions.HealthcheckInstruction;
import dev.shipyard.dockerfile.instructions.Instruction;
import dev.shipyard.dockerfile.instructions.KeyValue;
import dev.shipyard.dockerfile.instructions.LabelInstruction;
import dev.shipyard.dockerfile.instructions.MaintainerInstruction;
import dev.shipyard.dockerfile.instructions.OnbuildInstruction;
import dev.shipyard.dockerfile.instructions.ShellInstruction;
import dev.shipyard.dockerfile.instructions.StopSignalInstruction;
import dev.shipyard.dockerfile.instructions.UserInstruction;
import dev.shipyard.dockerfile.instructions.VolumeInstruction;
import dev.shipyard.oci.Healthcheck;
import dev.shipyard.oci.ImageConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What instructions that only change metadata do to an image config, with Docker's rules. */
final class ConfigSteps {

    private ConfigSteps() {
    }

    /**
     * Applies an expanded metadata instruction; {@code shell} is the SHELL in effect for shell forms and
     * {@code cmdSetInStage} whether this stage set CMD before (ENTRYPOINT keeps only such a CMD).
     */
    static ImageConfig apply(ImageConfig config, Instruction expanded, List<String> shell, boolean cmdSetInStage) {
        if (expanded instanceof EnvInstruction env) {
            ImageConfig next = config;
            for (KeyValue variable : env.variables()) {
                next = next.withEnv(variable.key(), variable.value());
            }
            return next;
        } else if (expanded instanceof LabelInstruction label) {
            ImageConfig next = config;
            for (KeyValue entry : label.labels()) {
                next = next.withLabel(entry.key(), entry.value());
            }
            return next;
        } else if (expanded instanceof ExposeInstruction expose) {
            ImageConfig next = config;
            for (String port : ports(expose.ports())) {
                next = next.withExposedPort(port);
            }
            return next;
        } else if (expanded instanceof UserInstruction user) {
            return config.withUser(user.user());
        } else if (expanded instanceof CmdInstruction cmd) {
            return config.withCmd(command(cmd.command(), cmd.shellForm(), shell));
        } else if (expanded instanceof EntrypointInstruction entrypoint) {
            ImageConfig next = config.withEntrypoint(command(entrypoint.command(), entrypoint.shellForm(), shell));
            return cmdSetInStage ? next.withCmd(config.config().cmd()) : next.withCmd(null);
        } else if (expanded instanceof VolumeInstruction volume) {
            ImageConfig next = config;
            for (String path : volume.volumes()) {
                next = next.withVolume(path);
            }
            return next;
        } else if (expanded instanceof StopSignalInstruction signal) {
            return config.withStopSignal(signal.signal());
        } else if (expanded instanceof HealthcheckInstruction check) {
            return config.withHealthcheck(healthcheck(check));
        } else if (expanded instanceof ShellInstruction shellInstruction) {
            return config.withShell(shellInstruction.shell());
        } else if (expanded instanceof OnbuildInstruction onbuild) {
            return config.withOnBuild(onbuild.trigger().original());
        } else if (expanded instanceof MaintainerInstruction maintainer) {
            return config.withAuthor(maintainer.maintainer());
        }
        return config;
    }

    /** The shell form runs through SHELL; the exec form is the argv as written. */
    static List<String> command(List<String> command, boolean shellForm, List<String> shell) {
        if (!shellForm) {
            return command;
        }
        List<String> argv = new ArrayList<>(shell);
        argv.add(String.join(" ", command));
        return argv;
    }

    /** {@code 8000-8002/udp} is three ports, as Docker records it. */
    static List<String> ports(List<String> specs) {
        List<String> out = new ArrayList<>();
        for (String spec : specs) {
            int slash = spec.indexOf('/');
            String numbers = slash < 0 ? spec : spec.substring(0, slash);
            String proto = slash < 0 ? "/tcp" : spec.substring(slash).toLowerCase(java.util.Locale.ROOT);
            int dash = numbers.indexOf('-');
            if (dash < 0) {
                out.add(numbers + proto);
                continue;
            }
            int from = Integer.parseInt(numbers.substring(0, dash));
            int to = Integer.parseInt(numbers.substring(dash + 1));
            for (int port = from; port <= to; port++) {
                out.add(port + proto);
            }
        }
        return out;
    }

    private static Healthcheck healthcheck(HealthcheckInstruction check) {
        if (check.disabled()) {
            return Healthcheck.none();
        }
        return new Healthcheck(check.test(), orNull(check.interval()), orNull(check.timeout()),
                orNull(check.startPeriod()), orNull(check.startInterval()), check.retries());
    }

    private static Duration orNull(Duration duration) {
        return duration == null || duration.isZero() ? null : duration;
    }
}
