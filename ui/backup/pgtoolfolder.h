#pragma once

// PgToolFolder: the folder where the user keeps PostgreSQL's client programs (pg_dump,
// pg_restore, psql), searched besides PATH and /usr/lib/postgresql/*/bin (issue 23 item 1:
// "and a user-set folder"). The backup and restore dialogs show it in a field of their own; it
// is kept in the settings file (`backup/toolFolder`) so it is set once. GUI thread only.

#include "backup/pgtoolfinder.h"

class QLineEdit;
class QWidget;

namespace strata::ui {

class PgToolFolder {
public:
    /// The tools' search places: this process's PATH, the install roots, and the folder.
    static backup::ToolSearch search();
    /// A field showing the folder; what the user types is kept when editing ends.
    static QLineEdit *makeEdit(QWidget *parent);
};

} // namespace strata::ui
