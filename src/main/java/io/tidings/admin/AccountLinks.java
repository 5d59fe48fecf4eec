package io.tidings.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.tidings.core.ConflictException;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * What single-use links do: invite someone to become an operator with a role, and let an operator
 * choose a new password. Each link's email is queued in the transaction that made the link.
 */
@Singleton
class AccountLinks {

    private final OperatorLinks links;
    private final Operators operators;
    private final OperatorRepository repository;
    private final OperatorMails.Invitation invitations;
    private final OperatorMails.PasswordReset resets;

    AccountLinks(OperatorLinks links, Operators operators, OperatorRepository repository,
                 OperatorMails.Invitation invitations, OperatorMails.PasswordReset resets) {
        this.links = links;
        this.operators = operators;
        this.repository = repository;
        this.invitations = invitations;
        this.resets = resets;
    }

    /** Emails an invitation; 409 when the address is an operator's already. */
    @Transactional
    void invite(String email, Rights.Role role) {
        String address = Operators.normalized(email);
        if (repository.findByEmail(address).isPresent()) {
            throw new ConflictException(address + " is an operator already");
        }
        invitations.queue(null, address, null, links.issue(OperatorLink.Purpose.INVITATION, address, role));
    }

    /** The invited operator, once: empty when the link was used, expired or unknown. */
    @Transactional
    Optional<Operator> accept(String token, String name, String password) {
        Optional<OperatorLink> link = links.valid(token, OperatorLink.Purpose.INVITATION);
        if (link.isEmpty() || !links.use(token)) {
            return Optional.empty();
        }
        if (repository.findByEmail(link.get().email()).isPresent()) {
            throw new ConflictException(link.get().email() + " is an operator already");
        }
        return Optional.of(operators.create(link.get().email(), name, link.get().role(), password));
    }

    /** Emails a reset link when the address is an active operator's; says nothing either way. */
    @Transactional
    void requestReset(@Nullable String email) {
        repository.findByEmail(Operators.normalized(email)).filter(Operator::active).ifPresent(operator ->
                resets.queue(null, operator.email(), operator.name(),
                        links.issue(OperatorLink.Purpose.PASSWORD_RESET, operator.email(), null)));
    }

    /** Sets the new password, once, and ends the operator's sessions; the operator, or empty for a dead link. */
    @Transactional
    Optional<Operator> resetPassword(String token, String password) {
        Optional<OperatorLink> link = links.valid(token, OperatorLink.Purpose.PASSWORD_RESET);
        if (link.isEmpty() || !links.use(token)) {
            return Optional.empty();
        }
        Optional<Operator> operator = repository.findByEmail(link.get().email()).filter(Operator::active);
        operator.ifPresent(found -> operators.setPassword(found.id(), password));
        return operator;
    }

    boolean valid(@Nullable String token, OperatorLink.Purpose purpose) {
        return links.valid(token, purpose).isPresent();
    }
}
