#include "revisioneditor.h"

#include <QPainter>
#include <QRegularExpression>
#include <QTextBlock>

namespace strata::ui {

namespace {

// The marker rule of RevisionFileParser (on the trimmed line), for drawing only.
const QRegularExpression &markerPattern()
{
    static const QRegularExpression marker(QStringLiteral("^--\\s*\\+(upgrade|downgrade)(?:\\s+(\\S+))?\\s*$"));
    return marker;
}

const QColor kUpgrade(0x2e, 0x8b, 0x57);
const QColor kDowngrade(0xd0, 0x6a, 0x00);

} // namespace

RevisionEditor::RevisionEditor(exec::DialectKind dialect, QWidget *parent) : SqlEditor(dialect, parent)
{
    setObjectName(QStringLiteral("revisionEditor"));
    document()->setDocumentMargin(8);   // room for the section stripe
    connect(document(), &QTextDocument::contentsChanged, this, &RevisionEditor::scanParts);
    scanParts();
}

void RevisionEditor::scanParts()
{
    m_parts.clear();
    m_markerLabels.clear();
    Part current = Part::Header;
    for (QTextBlock b = document()->begin(); b.isValid(); b = b.next()) {
        const auto m = markerPattern().match(b.text().trimmed());
        QString label;
        if (m.hasMatch()) {
            const bool up = m.captured(1) == u"upgrade";
            const QString dialectName = m.captured(2);
            label = up ? tr("▲ UPGRADE section — runs when the revision is applied")
                       : tr("▼ DOWNGRADE section — runs when the revision is undone");
            if (!dialectName.isEmpty())
                label += tr(" (%1 only)").arg(dialectName);
            m_parts.append(up ? Part::UpgradeMarker : Part::DowngradeMarker);
            current = up ? Part::Upgrade : Part::Downgrade;
        } else {
            m_parts.append(current);
        }
        m_markerLabels.append(label);
    }
    viewport()->update();
}

RevisionEditor::Part RevisionEditor::partOf(int line) const
{
    return m_parts.value(line, Part::Header);
}

int RevisionEditor::markerLine(const QString &direction) const
{
    const Part wanted = direction == u"upgrade" ? Part::UpgradeMarker : Part::DowngradeMarker;
    return int(m_parts.indexOf(wanted));
}

void RevisionEditor::paintEvent(QPaintEvent *event)
{
    SqlEditor::paintEvent(event);
    // Drawn over the text, translucent, so highlighting and selection stay visible.
    QPainter p(viewport());
    QFont bold = font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 0.85);
    p.setFont(bold);
    const int width = viewport()->width();
    for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = block.next()) {
        const QRectF r = blockBoundingGeometry(block).translated(contentOffset());
        if (r.top() > event->rect().bottom())
            break;
        const Part part = partOf(block.blockNumber());
        if (part == Part::Header)
            continue;
        const bool up = part == Part::Upgrade || part == Part::UpgradeMarker;
        const QColor color = up ? kUpgrade : kDowngrade;
        if (part == Part::UpgradeMarker || part == Part::DowngradeMarker) {
            QColor band = color;
            band.setAlpha(46);
            p.fillRect(QRectF(0, r.top(), width, r.height()), band);
            p.setPen(color.darker(125));
            const QString label = m_markerLabels.value(block.blockNumber());
            const qreal textWidth = QFontMetricsF(bold).horizontalAdvance(label);
            p.drawText(QRectF(std::max(0.0, width - textWidth - 10), r.top(), textWidth + 8, r.height()),
                       Qt::AlignVCenter | Qt::AlignLeft, label);
        }
        p.fillRect(QRectF(0, r.top(), 3, r.height()), color);
    }
}

} // namespace strata::ui
