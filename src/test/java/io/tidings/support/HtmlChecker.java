package io.tidings.support;

import nu.validator.validation.SimpleDocumentValidator;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** The W3C Nu HTML checker (the engine of validator.w3.org/nu), run in the JVM on a document. */
public final class HtmlChecker {

    /** The schema the checker uses for an HTML document; it ships inside the checker's jar. */
    private static final String HTML_SCHEMA = "http://s.validator.nu/html5-all.rnc";

    private HtmlChecker() {
    }

    /** The checker's errors about {@code html}, each with its line and column; warnings and notes left out. */
    public static List<String> errors(String html) {
        List<String> errors = new ArrayList<>();
        ErrorHandler collect = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                error(e);
            }
        };
        try {
            SimpleDocumentValidator validator = new SimpleDocumentValidator(true, false, false);
            validator.setUpMainSchema(HTML_SCHEMA, collect);
            validator.setUpValidatorAndParsers(collect, true, false);
            validator.checkHtmlInputSource(new InputSource(new StringReader(html)));
        } catch (Exception e) {
            throw new IllegalStateException("the HTML checker could not run", e);
        }
        return errors;
    }
}
