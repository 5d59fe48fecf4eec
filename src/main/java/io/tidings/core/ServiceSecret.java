package io.tidings.core;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

@MappedEntity("service_secret")
record ServiceSecret(@Id String name, String secret) {
}
