#pragma once

// MigrationProjectLoader: the migration panel's project on disk. It reads a project folder
// (strata.ini, else alembic.ini) into a MigrationEngine, reads it again on demand, and watches
// the folder, its ini file, the versions folder and each revision file, so the panel learns of
// every change: changedOnDisk() is signalled once a burst of saves settled (150 ms). Files
// replaced by an atomic save (a new file renamed over the old one) leave the watcher, so
// watch() is called again after every read. It reads; the panel shows. GUI thread.

#include "migrate/migrationengine.h"

#include <QObject>

class QFileSystemWatcher;
class QTimer;

namespace strata::ui {

class MigrationProjectLoader : public QObject {
    Q_OBJECT
public:
    explicit MigrationProjectLoader(QObject *parent = nullptr);

    /// Reads the project in `folder`. The folder is kept also when that fails (a broken
    /// revision file), so a fix on disk or reopen() brings the project back.
    Result<migrate::MigrationEngine> open(const QString &folder);
    /// The project file in `folder` (strata.ini, else alembic.ini), or empty.
    static QString iniIn(const QString &folder);
    /// Reads the same project again (the files as they are now).
    Result<migrate::MigrationEngine> reopen();
    /// Watches the folder and, with `engine`, its versions folder and revision files.
    void watch(const migrate::MigrationEngine *engine);

    QString folder() const { return m_folder; }
    QString iniPath() const { return m_iniPath; }

Q_SIGNALS:
    void changedOnDisk();

private:
    QString m_folder;
    QString m_iniPath;
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_settle = nullptr;
};

} // namespace strata::ui
