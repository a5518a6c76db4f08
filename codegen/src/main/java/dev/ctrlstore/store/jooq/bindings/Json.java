package dev.ctrlstore.store.jooq.bindings;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ctrlstore.store.StorageException;
import dev.ctrlstore.store.WireValue;
import org.jooq.Converter;

import java.io.IOException;
import java.io.Serial;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents stored in TEXT columns (specs, labels, env, metadata), as jOOQ converters over one Jackson
 * mapper; the generated classes use them as the document columns' forced types. Records are written from their fields and read through their canonical constructors, so the API's
 * validation runs on every read; enums are written as their wire strings; durations as ISO-8601 text. Unknown
 * properties are ignored so a file written by a newer release stays readable.
 *
 * <p><b>Internal, not API:</b> public for the generated classes, and so that the benchmarks' raw-JDBC baselines map
 * rows with exactly the mapper the stores use. It may change in any release without notice.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .addModule(wireValues())
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // The API's documents hold whole numbers as Long (JsonValues), whatever their size.
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    /** String-to-string maps: labels, service refs, metadata. */
    public static final Column<Map<String, String>> STRING_MAP = column(new TypeReference<>() { });
    /** Free documents (audit details). */
    public static final Column<Map<String, Object>> DOCUMENT = column(new TypeReference<>() { });

    private Json() {
    }

    /** {@link #STRING_MAP}, as the generated classes' converter expression (a bare constant reads as a class name). */
    public static Column<Map<String, String>> stringMap() {
        return STRING_MAP;
    }

    /** {@link #DOCUMENT}, as the generated classes' converter expression. */
    public static Column<Map<String, Object>> document() {
        return DOCUMENT;
    }

    /** A converter between a TEXT column and {@code T}, e.g. {@code column(new TypeReference<List<Endpoint>>() {})}. */
    public static <T> Column<T> column(TypeReference<T> type) {
        return new Column<>(MAPPER.getTypeFactory().constructType(type));
    }

    /** A converter between a TEXT column and a record or enum type. */
    public static <T> Column<T> column(Class<T> type) {
        return new Column<>(MAPPER.getTypeFactory().constructType(type));
    }

    /** A converter between a TEXT column and a list of {@code element}. */
    public static <T> Column<List<T>> list(Class<T> element) {
        return new Column<>(MAPPER.getTypeFactory().constructCollectionType(List.class, element));
    }

    /** One document type; readers and writers are built once because building them is what costs. */
    public static final class Column<T> implements Converter<String, T> {
        @Serial
        private static final long serialVersionUID = 1L;

        private final transient JavaType type;
        private final transient ObjectReader reader;
        private final transient ObjectWriter writer;

        private Column(JavaType type) {
            this.type = type;
            this.reader = MAPPER.readerFor(type);
            this.writer = MAPPER.writerFor(type);
        }

        @Override
        public T from(String json) {
            if (json == null) {
                return null;
            }
            T value;
            try {
                value = reader.readValue(json);
            } catch (IOException | RuntimeException e) {
                // A stored value the API's records reject (an unknown enum string, a bad id) is damage too.
                String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                throw new StorageException("a stored JSON document could not be read as " + type + ": "
                        + why + "; the row was written by other software or is damaged", e);
            }
            if (value == null) {
                // SQL NULL is how an absent document is stored; the text "null" is never written.
                throw new StorageException("a stored JSON document is JSON null where " + type + " is required;"
                        + " the row was written by other software or is damaged");
            }
            return value;
        }

        @Override
        public String to(T value) {
            if (value == null) {
                return null;
            }
            try {
                return writer.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new StorageException("could not write " + type + " as JSON: " + e.getOriginalMessage(), e);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public Class<String> fromType() {
            return String.class;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Class<T> toType() {
            return (Class<T>) type.getRawClass();
        }
    }

    /** Enums that implement {@link WireValue} are written and read as their wire strings. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static SimpleModule wireValues() {
        SimpleModule module = new SimpleModule("ctrlstore-wire-values");
        module.addSerializer(WireValue.class, new StdSerializer<>(WireValue.class) {
            @Override
            public void serialize(WireValue value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.wire());
            }
        });
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                Class raw = type.getRawClass();
                if (!WireValue.class.isAssignableFrom(raw)) {
                    return deserializer;
                }
                return new JsonDeserializer<Object>() {
                    @Override
                    public Object deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                        return WireValue.parse(raw, p.getValueAsString(), raw.getSimpleName());
                    }
                };
            }
        });
        return module;
    }
}
