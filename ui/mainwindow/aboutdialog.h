#pragma once

#include <QDialog>

namespace strata::ui {

/// Version, git commit, Qt, SQLite and libpq versions; selectable so people can paste them
/// into bug reports.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);
};

} // namespace strata::ui
