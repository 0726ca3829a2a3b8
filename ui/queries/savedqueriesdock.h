#pragma once

// The "Saved queries" dock: the .sql files of the current connection's folder (its own by
// default, or a folder the person picked, e.g. a project's queries/ under git), with a
// search box over names and texts. Double-click or Enter opens one in a console (its
// ${placeholders} written out, the first selected); "Save…" stores the console's text
// under a name; "Folder…" picks the folder (remembered per connection). The folder is
// watched, so files added by git or an editor show at once. Reads small files on the GUI
// thread (no database work).

#include "queries/savedqueryfolder.h"

#include <QWidget>

class QFileSystemWatcher;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QSettings;
class QToolButton;

namespace strata::ui {

class SavedQueriesPanel : public QWidget {
    Q_OBJECT
public:
    explicit SavedQueriesPanel(QWidget *parent = nullptr);

    /// Shows the folder of a connection: the one picked for `connectionKey` earlier, else
    /// `defaultFolder`. An empty key: no connection (the list is empty and disabled).
    void setConnection(const QString &connectionKey, const QString &defaultFolder);
    QString folder() const { return m_folder; }
    QString connectionKey() const { return m_key; }
    /// Saves `text` as `name` in the current folder; asks before replacing a file.
    Result<QString> save(const QString &name, const QString &text);

    QLineEdit *searchEdit() const { return m_search; }
    QListWidget *list() const { return m_list; }
    QToolButton *saveButton() const { return m_saveButton; }

Q_SIGNALS:
    /// Open this query's text in a console.
    void openRequested(const QString &text);
    /// "Save…" was clicked: the window asks the console in front for its text.
    void saveRequested();

private:
    void reload();
    void chooseFolder();
    void removeCurrent();
    void open(QListWidgetItem *item);

    QString m_key;
    QString m_folder;
    QLabel *m_folderLabel;
    QLineEdit *m_search;
    QListWidget *m_list;
    QToolButton *m_saveButton;
    QToolButton *m_folderButton;
    QToolButton *m_removeButton;
    QFileSystemWatcher *m_watcher;
    QList<queries::SavedQuery> m_queries;
};

}   // namespace strata::ui
