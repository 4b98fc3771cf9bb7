package org.s2svpn.schema.dao;

/** Rows whose display flag and uuid an admin may set (CloudStack's fordisplay and customid). */
public interface DisplayAndUuid {
    void setDisplay(long id, boolean display);

    void setUuid(long id, String uuid);

    /** True when another row, removed ones included, has this uuid: the column is unique, so it cannot be set. */
    boolean uuidTakenByOther(long id, String uuid);
}
