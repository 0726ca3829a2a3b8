#pragma once

// MigrationRunView: the lower half of the migration panel, what a command did: a failure
// banner (rich text; links `revision:<id>:<line>` are signalled), one progress row per
// revision of the command (waiting, running…, done, failed, cancelled, rolled back, not run)
// and the log (coloured lines, newest at the bottom). It shows; the panel decides. GUI thread.

#include "migrate/migrationengine.h"

#include <QColor>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace strata::ui {

class MigrationRunView : public QWidget {
    Q_OBJECT
public:
    explicit MigrationRunView(QWidget *parent = nullptr);

    QLabel *failureLabel() const { return m_failure; }
    QTreeWidget *progressView() const { return m_progress; }
    QPlainTextEdit *logView() const { return m_log; }

    void appendLog(const QString &text, const QColor &color = QColor());
    /// Shows `html` in the failure banner (replacing what it said).
    void showFailure(const QString &html);
    /// Adds `html` below what the banner says (shows it when hidden).
    void appendFailure(const QString &html);
    void hideFailure();

    /// One "waiting" row per step of `plan`, messages from `engine`'s files.
    void setSteps(const migrate::MigrationEngine &engine, const migrate::MigrationPlan &plan);
    /// The row of `revision`, or nullptr.
    QTreeWidgetItem *row(const QString &revision) const;
    /// A row for a step that was not planned (Alembic may run more than Strata planned).
    QTreeWidgetItem *addRow(const QString &revision, const QString &message, migrate::Direction direction);
    /// Sets the status column of `revision`'s row (no-op without a row); `time` when given.
    void setState(const QString &revision, const QString &state, const QColor &color = QColor(), const QString &time = {});
    /// Sets the status of every row.
    void setAllStates(const QString &state);
    /// How many rows say `state`.
    int count(const QString &state) const;

Q_SIGNALS:
    /// A `revision:<id>:<line>` link of the failure banner was clicked.
    void revisionLinkActivated(const QString &id, int line);

private:
    QLabel *m_failure = nullptr;
    QTreeWidget *m_progress = nullptr;
    QPlainTextEdit *m_log = nullptr;
};

} // namespace strata::ui
