#pragma once

// RevisionGraphWidget: the revision graph of the migration panel, painted by hand. One row
// per revision (heads at the top), branches in lanes side by side and merges joining (see
// RevisionLayout); beside each node its short id, message, date and branch labels, and what
// it means for this database: applied (green, check mark), pending (grey, hollow),
// cannot run here (red, cross), edited since it was applied (orange warning), the
// revision(s) the database is at (a "database is here" tag), and while a command runs,
// running / done / failed. Lives in a QScrollArea; click or arrow keys select a revision.

#include "revisionlayout.h"

#include <QHash>
#include <QWidget>

namespace strata::ui {

struct RevisionView {
    enum class Status { Applied, Pending, Unreachable };
    enum class Run { None, Running, Done, Failed };

    QString id;
    QString message;
    QString created;
    QStringList branchLabels;
    bool head = false;
    bool mergePoint = false;
    bool branchPoint = false;
    Status status = Status::Pending;
    QString unreachableReason;
    bool current = false;
    bool drift = false;
    QString driftReason;   ///< what differs from what ran ("its downgrade section differs…")
    Run run = Run::None;
};

class RevisionGraphWidget : public QWidget {
    Q_OBJECT
public:
    explicit RevisionGraphWidget(QWidget *parent = nullptr);

    /// Replaces the drawing. `unknownCurrent` are version rows that name no revision of the
    /// project; they are drawn above the graph in red.
    void setRevisions(const RevisionLayout &layout, const QHash<QString, RevisionView> &revisions,
                      const QStringList &unknownCurrent);
    /// Updates the run marker of one revision (running / done / failed).
    void setRunState(const QString &id, RevisionView::Run run);
    void clearRunStates();

    QString selectedRevision() const { return m_selected; }
    void setSelectedRevision(const QString &id);
    RevisionView revision(const QString &id) const { return m_revisions.value(id); }
    QStringList revisionIds() const { return m_layout.rowCount() ? m_rowIds : QStringList(); }
    /// Where the row of revision `id` is drawn (empty when it has none): a click there selects it.
    QRect rowRect(const QString &id) const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void selectedRevisionChanged(const QString &id);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QPointF nodeCenter(int row, int lane) const;
    int rowTop(int row) const;
    int textLeft() const;
    void paintEdges(QPainter &p) const;
    void paintRow(QPainter &p, int row, const QString &id) const;
    void paintNode(QPainter &p, const QPointF &center, const RevisionView &view) const;
    void paintUnknown(QPainter &p) const;
    qreal paintChip(QPainter &p, qreal x, qreal y, const QString &text, const QColor &fill, const QColor &textColor) const;

    RevisionLayout m_layout;
    QHash<QString, RevisionView> m_revisions;
    QStringList m_rowIds;
    QStringList m_unknownCurrent;
    QString m_selected;
};

} // namespace strata::ui
