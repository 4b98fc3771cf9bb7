package org.s2svpn.schema.dao;

/** Rows whose display flag and uuid an admin may set (CloudStack's fordisplay and customid). */
public interface DisplayAndUuid {
    void setDisplay(long id, boolean display);

    void setUuid(long id, String uuid);
}
