package io.overdue.agency;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.stereotype.Component;

/**
 * The case file as JSON, the same bytes for the folder, the webhook and the stored copy. Every field is
 * written, also when null: an agency's import sees the whole layout of {@link CaseFile#SCHEMA_VERSION} in
 * every file, and "null" says "not known" where a missing field might mean "forgotten".
 */
@Component
public class CaseFileJson {

    private final ObjectMapper mapper;

    public CaseFileJson(ObjectMapper mapper) {
        this.mapper = mapper.copy()
                .setSerializationInclusion(JsonInclude.Include.ALWAYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    public byte[] write(CaseFile caseFile) {
        try {
            return mapper.writeValueAsBytes(caseFile);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the case file of " + caseFile.invoice().invoiceNumber(), e);
        }
    }
}
