package io.aitbc.miner.deploy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;

/**
 * Parses multi-document YAML into fabric8's typed models, strictly: a scalar of the wrong type (a string for a port, a
 * number for a name) fails instead of being coerced, and a kind fabric8 has no model for fails instead of becoming a
 * generic resource. Unknown fields still land in {@code additionalProperties}: see {@link UnknownFields}.
 */
final class KubernetesDocuments {

    private static final JsonMapper MAPPER = JsonMapper.builder(new YAMLFactory())
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private KubernetesDocuments() {
    }

    /** Every document of {@code yaml}, typed. */
    static List<HasMetadata> parse(String yaml) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<KubernetesResource> documents = MAPPER.readerFor(KubernetesResource.class).readValues(yaml)) {
            while (documents.hasNextValue()) {
                KubernetesResource document = documents.nextValue();
                if (!(document instanceof HasMetadata object) || document instanceof GenericKubernetesResource) {
                    throw new IOException("no typed model for " + document);
                }
                objects.add(object);
            }
        }
        return objects;
    }
}
