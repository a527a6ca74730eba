package dev.cassini.cli;

import java.util.List;

/** {@code --table KEYSPACE.TABLE}, checked before anything is created, with an example of the form. */
final class TableNames {
    private TableNames() {}

    static void require(List<String> tables) {
        require("--table", tables);
    }

    /** The same for another option that takes tables. */
    static void require(String option, List<String> tables) {
        for (String table : tables) {
            if (!table.matches("[A-Za-z0-9_]{1,48}[.][A-Za-z0-9_]{1,48}")) {
                throw new CommandFailure(option + " takes KEYSPACE.TABLE, e.g. shop.orders; got '" + table + "'");
            }
        }
    }
}
