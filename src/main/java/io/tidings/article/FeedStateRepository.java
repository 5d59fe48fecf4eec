package io.tidings.article;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.HashMap;
import java.util.Map;

/** Feed states by feed name; each is written only under its feed's lock. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface FeedStateRepository extends CrudRepository<FeedState, String> {

    /** Every stored state, by feed name (feeds no longer configured included). */
    default Map<String, FeedState> byName() {
        Map<String, FeedState> states = new HashMap<>();
        findAll().forEach(state -> states.put(state.name(), state));
        return states;
    }
}
