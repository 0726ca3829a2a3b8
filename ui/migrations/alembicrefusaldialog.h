#pragma once

// AlembicRefusalDialog: "Alembic would connect to another database". Shown when the probe
// (core/migrate/alembic/alembicpreflight.h) finds that the project's Alembic (alembic.ini,
// env.py, DATABASE_URL...) points elsewhere than the panel's connection. It shows both
// locations (passwords masked) and refuses. When the project lets Strata set the URL
// (sqlalchemy.url / DATABASE_URL through the environment), it offers
// "Run against <this database> instead", saying what Strata will set. Nothing runs
// unless that button is pressed.

#include "migrate/alembic/alembicpreflight.h"

#include <QDialog>

class QPushButton;

namespace strata::ui {

class AlembicRefusalDialog : public QDialog {
    Q_OBJECT
public:
    AlembicRefusalDialog(const migrate::alembic::AlembicTarget &target, const QString &command, QWidget *parent = nullptr);

    /// "Run against … instead"; null when the project does not allow the override.
    QPushButton *overrideButton() const { return m_override; }
    QPushButton *refuseButton() const { return m_refuse; }

private:
    QPushButton *m_override = nullptr;
    QPushButton *m_refuse = nullptr;
};

} // namespace strata::ui
