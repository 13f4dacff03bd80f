package topdown.model;

/** GROUP: a submix that tracks route into; FX: a return fed by sends; MASTER: the master bus. */
public enum BusKind {
    GROUP, FX, MASTER
}
