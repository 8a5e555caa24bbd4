package dev.cutover.step;

/**
 * An undo that reads what its forward step recorded. The models' compensation boundaries and the
 * rollback processes must name that same activity; a test holds them to it.
 */
public interface Undoes {

    ForwardStep undoes();
}
