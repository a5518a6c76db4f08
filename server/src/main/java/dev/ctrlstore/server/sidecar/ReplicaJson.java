package dev.ctrlstore.server.sidecar;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ctrlstore.store.WireValue;
import dev.ctrlstore.store.id.TypedId;

import java.io.IOException;

/**
 * The API's records as JSON, for the typed replica routes: each record's components by name, ids as their TypeID
 * text, enums as their wire strings, instants and durations as ISO-8601 text, an empty {@code Optional} as null.
 * The records are written from their fields, so what a client reads is exactly what the store returned.
 */
final class ReplicaJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .addModule(apiValues())
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private ReplicaJson() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Every record of the API is writable; failing here is a bug, answered as a 500 and logged.
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static SimpleModule apiValues() {
        SimpleModule module = new SimpleModule("ctrlstore-api-values");
        module.addSerializer(TypedId.class, new StdSerializer<>(TypedId.class) {
            @Override
            public void serialize(TypedId id, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(id.value());
            }
        });
        module.addSerializer(WireValue.class, new StdSerializer<>(WireValue.class) {
            @Override
            public void serialize(WireValue value, JsonGenerator gen, SerializerProvider provider)
                    throws IOException {
                gen.writeString(value.wire());
            }
        });
        return module;
    }
}
