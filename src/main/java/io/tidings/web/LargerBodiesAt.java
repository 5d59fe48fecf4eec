package io.tidings.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Says, on a route whose body is limited, where a larger one goes: {@link LargeBodies} adds it to the 413. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LargerBodiesAt {

    /** A sentence naming the route for larger bodies. */
    String value();
}
