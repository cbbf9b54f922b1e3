package dev.tandem.lockstep;

import java.util.concurrent.Callable;

/** One malformed or hostile input of {@link BadInputCatalogueTest}: how to meet it, and what its message must name. */
public final class BadInput {
    final Callable<?> call;
    final String coordinate;
    final String fix;

    /**
     * @param call meets the input through the classes that read it in a build
     * @param coordinate what the message must name: the coordinate, or the configured text
     * @param fix words of the fix the message must give
     */
    public BadInput(Callable<?> call, String coordinate, String fix) {
        this.call = call;
        this.coordinate = coordinate;
        this.fix = fix;
    }
}
