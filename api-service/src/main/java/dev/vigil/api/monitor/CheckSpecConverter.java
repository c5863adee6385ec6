package dev.vigil.api.monitor;

import dev.vigil.common.check.CheckSpec;
import dev.vigil.common.json.WireJson;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link CheckSpec} as the same JSON the scheduler reads and puts on the queue. */
@Converter
class CheckSpecConverter implements AttributeConverter<CheckSpec, String> {

    @Override
    public String convertToDatabaseColumn(CheckSpec spec) {
        return spec == null ? null : WireJson.write(spec);
    }

    @Override
    public CheckSpec convertToEntityAttribute(String json) {
        return json == null ? null : WireJson.read(json, CheckSpec.class);
    }
}
