package io.tidings.admin;

import io.micronaut.http.cookie.Cookie;
import io.tidings.core.Tokens;
import io.tidings.support.Sql;

import java.util.List;

/** A console session opened straight in the database, as the headers a signed-in browser sends with an unsafe request. */
final class OperatorSessions {

    private OperatorSessions() {
    }

    static String[] headers(AdminSessions sessions, Sql sql, long operatorId) {
        Cookie cookie = sessions.open(operatorId);
        String csrf = sql.text("SELECT csrf_token FROM admin_session WHERE id_hash = ?", Tokens.sha256(cookie.getValue()));
        return new String[]{"Cookie", AdminSessions.COOKIE + "=" + cookie.getValue(), "X-CSRF-Token", csrf};
    }
}
