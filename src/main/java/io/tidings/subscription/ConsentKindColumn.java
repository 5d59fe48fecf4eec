package io.tidings.subscription;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;

/** consent_event.kind holds the label ("address-changed"), as rows always have, not the constant's name. */
@Singleton
class ConsentKindColumn implements AttributeConverter<ConsentKind, String> {

    @Override
    public String convertToPersistedValue(ConsentKind kind, ConversionContext context) {
        return kind == null ? null : kind.label();
    }

    @Override
    public ConsentKind convertToEntityValue(String label, ConversionContext context) {
        return label == null ? null : ConsentKind.ofLabel(label);
    }
}
