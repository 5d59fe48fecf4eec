package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.ConflictException;
import io.tidings.core.NotFoundException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Operator accounts: who they are, their role, their password. */
@Singleton
class Operators {

    private final OperatorRepository operators;
    private final Passwords passwords;
    private final AdminSessions sessions;
    private final Clock clock;

    Operators(OperatorRepository operators, Passwords passwords, AdminSessions sessions, Clock clock) {
        this.operators = operators;
        this.passwords = passwords;
        this.sessions = sessions;
        this.clock = clock;
    }

    static String normalized(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    Optional<Operator> byId(long id) {
        return operators.findById(id);
    }

    boolean any() {
        return operators.count() > 0;
    }

    /** A new operator with a password; the caller has checked the password with {@link Passwords#problem}. */
    @Transactional
    Operator create(String email, String name, Rights.Role role, String password) {
        return operators.save(new Operator(null, normalized(email), name.strip(), role, passwords.hash(password),
                clock.instant(), null, false));
    }

    /** The active operator with this address and password; the same work whether or not the address is known. */
    Optional<Operator> authenticate(String email, String password) {
        Optional<Operator> found = operators.findByEmail(normalized(email)).filter(Operator::active);
        boolean matches = passwords.matches(password, found.map(Operator::passwordHash).orElse(null));
        return matches ? found : Optional.empty();
    }

    List<Operator> all() {
        return operators.findAllOrderByEmail();
    }

    /**
     * Removes an operator: disabled (their row stays, so what they did still names them), their sessions
     * ended, and their keys without rights from then on. One cannot remove oneself, so an owner remains.
     */
    @Transactional
    void remove(long id, @Nullable Long by) {
        Operator operator = operators.findById(id).orElseThrow(() -> new NotFoundException("no operator " + id));
        if (Objects.equals(by, id)) {
            throw new ConflictException("you cannot remove yourself; another owner can");
        }
        if (operator.active()) {
            operators.disable(id, clock.instant());
        }
        sessions.closeAll(id);
    }

    /** A new role (and, for a viewer, whether they see readers' addresses); effective at their next request. */
    @Transactional
    Operator change(long id, Rights.Role role, boolean mayReadAddresses, @Nullable Long by) {
        Operator operator = operators.findById(id).orElseThrow(() -> new NotFoundException("no operator " + id));
        if (Objects.equals(by, id) && role != operator.role()) {
            throw new ConflictException("you cannot change your own role; another owner can");
        }
        operators.changeRole(id, role, mayReadAddresses);
        return operators.findById(id).orElseThrow();
    }

    /** A new password; the operator's other sessions end, so a stolen session dies with the old password. */
    @Transactional
    void setPassword(long operatorId, String password) {
        operators.setPassword(operatorId, passwords.hash(password));
        sessions.closeAll(operatorId);
    }
}
