#pragma once

// What the central area shows while no tab is open: how to start, in one glance — the saved
// connections and the recent files, each opened with one click, and buttons for a new
// connection, a file and the demo database.

#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;

namespace strata::ui {

class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

    struct Saved {
        QString id;
        QString name;
        QString detail;   ///< host/database or file, shown after the name
    };
    /// Replaces the lists (the main window calls it when profiles or recent files change).
    void setEntries(const QList<Saved> &saved, const QStringList &recentFiles);

    QListWidget *savedList() const { return m_saved; }
    QListWidget *recentList() const { return m_recent; }

Q_SIGNALS:
    void openFileRequested();
    void connectRequested();
    void demoRequested();
    /// One click on a saved connection or a recent file.
    void savedConnectionRequested(const QString &profileId);
    void recentFileRequested(const QString &path);

private:
    void activate(QListWidgetItem *item);

    QListWidget *m_saved;
    QListWidget *m_recent;
    QLabel *m_savedTitle;
    QLabel *m_recentTitle;
};

} // namespace strata::ui
