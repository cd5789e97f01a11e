package dev.shipyard.dockerfile;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.shipyard.dockerfile.instructions.ArgInstruction;
import dev.shipyard.dockerfile.instructions.Dockerfile;
import dev.shipyard.dockerfile.instructions.Instruction;
import dev.shipyard.dockerfile.instructions.OnbuildInstruction;
import dev.shipyard.dockerfile.instructions.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/** A canonical JSON rendering of a parsed Dockerfile, compared against the {@code expected} files. */
final class ModelDump {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule()
                    .addSerializer(Duration.class, ToStringSerializer.instance)
                    .addSerializer(SourceRange.class, new RangeSerializer()));

    private ModelDump() {
    }

    private static final class RangeSerializer extends JsonSerializer<SourceRange> {
        @Override
        public void serialize(SourceRange range, JsonGenerator generator, SerializerProvider provider)
                throws IOException {
            generator.writeString(range.startLine() + "-" + range.endLine());
        }
    }

    static String dump(Dockerfile dockerfile) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("directives", MAPPER.valueToTree(dockerfile.directives()));
        ArrayNode metaArgs = root.putArray("metaArgs");
        for (ArgInstruction arg : dockerfile.metaArgs()) {
            metaArgs.add(instruction(arg));
        }
        ArrayNode stages = root.putArray("stages");
        for (Stage stage : dockerfile.stages()) {
            stages.add(stage(stage));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode stage(Stage stage) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("index", stage.index());
        node.put("name", stage.name().orElse(null));
        node.set("from", instruction(stage.from()));
        ArrayNode instructions = node.putArray("instructions");
        for (Instruction instruction : stage.instructions()) {
            instructions.add(instruction(instruction));
        }
        return node;
    }

    static ObjectNode instruction(Instruction instruction) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("keyword", instruction.keyword());
        node.setAll((ObjectNode) MAPPER.valueToTree(instruction));
        if (instruction instanceof OnbuildInstruction onbuild) {
            node.set("trigger", instruction(onbuild.trigger()));
        }
        return node;
    }
}
