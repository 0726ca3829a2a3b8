#pragma once

// Quick open (Ctrl+P): a popup over the main window that finds any table, view, column,
// function, sequence or schema of every open connection by typing part of its name.
//
// The names come from the NameIndexCache (read in the background, per connection); the
// ranked search (core/search/namesearch.h) runs on a pool thread, one search at a time:
// typing while a search runs keeps only the newest query for the next one, so results
// never arrive out of order and the window never waits.
//
// Keys: type to filter; Up/Down/PageUp/PageDown move; Enter opens the data grid, Shift+Enter
// the properties, Ctrl+Enter a console holding SELECT * FROM the object; Escape closes.

#include "search/nameindexcache.h"
#include "search/namesearch.h"

#include <QFrame>
#include <QFutureWatcher>
#include <memory>
#include <optional>

class QLabel;
class QLineEdit;
class QListView;

namespace strata::ui {

class QuickOpenModel;

class QuickOpenPopup : public QFrame {
    Q_OBJECT
public:
    enum class Action { Data, Properties, Select };
    Q_ENUM(Action)

    QuickOpenPopup(search::NameIndexCache *cache, QWidget *parent);
    ~QuickOpenPopup() override;

    /// Shows the popup over its parent window for these open databases (the window's
    /// order); `current` ranks first among equals. Keeps the last query, selected.
    void popup(const QList<int> &databases, int current);

    QLineEdit *queryEdit() const { return m_query; }
    QListView *resultView() const { return m_view; }
    QLabel *statusLabel() const { return m_status; }
    /// The results on screen, best first.
    const QList<search::NameHit> &hits() const;

Q_SIGNALS:
    /// The person chose `hit` with Enter (Data), Shift+Enter (Properties) or Ctrl+Enter
    /// (Select); the popup has closed.
    void chosen(const strata::search::NameHit &hit, strata::ui::QuickOpenPopup::Action action);
    /// Results for the query in the edit are on screen (after each search).
    void resultsShown();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refreshIndexes();
    void search();
    void startSearch();
    void showResults(const QList<search::NameHit> &hits);
    void choose(Action action);
    void updateStatus();
    void fitToResults();

    search::NameIndexCache *m_cache;
    QLineEdit *m_query;
    QListView *m_view;
    QLabel *m_status;
    QuickOpenModel *m_model;
    QList<int> m_databases;
    int m_current = 0;
    std::shared_ptr<search::NameSearch> m_search = std::make_shared<search::NameSearch>();
    QList<search::NameIndexPtr> m_indexes;   // what the next search reads
    bool m_indexesChanged = false;
    QFutureWatcher<QList<search::NameHit>> m_watcher;
    std::optional<QString> m_queued;   // typed while a search ran
    QString m_shownQuery;
    qsizetype m_nameCount = 0;
    int m_maxHeight = 460;   // the popup grows with its results up to this
};

}   // namespace strata::ui

Q_DECLARE_METATYPE(strata::search::NameHit)
