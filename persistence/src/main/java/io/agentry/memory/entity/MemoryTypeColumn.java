package io.agentry.memory.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a {@link MemoryType} by its API name, the values the table's check constraint allows.
 */
@Converter
public class MemoryTypeColumn implements AttributeConverter<MemoryType, String> {

    @Override
    public String convertToDatabaseColumn(MemoryType type) {
        return type == null ? null : type.apiName();
    }

    @Override
    public MemoryType convertToEntityAttribute(String column) {
        return column == null ? null : MemoryType.fromApiName(column);
    }
}
