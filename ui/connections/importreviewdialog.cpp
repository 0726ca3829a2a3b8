#include "importreviewdialog.h"

#include "connection/connectionstring.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace strata::ui {

ImportReviewDialog::ImportReviewDialog(const QString &sourceName, const connection::ImportResult &result, QWidget *parent)
    : QDialog(parent)
    , m_result(result)
    , m_list(new QTreeWidget(this))
{
    setWindowTitle(tr("Import connections"));
    auto *intro = new QLabel(result.candidates.isEmpty()
                                 ? tr("No connection found in %1.").arg(sourceName)
                                 : tr("%n connection(s) found in %1. Uncheck what you do not want; passwords found "
                                      "in the file go to the keychain, never to Strata's settings.", nullptr,
                                      int(result.candidates.size())).arg(sourceName),
                             this);
    intro->setWordWrap(true);
    m_list->setHeaderLabels({tr("Name"), tr("Location"), tr("Folder"), tr("From"), tr("Note")});
    m_list->setRootIsDecorated(false);
    for (qsizetype i = 0; i < result.candidates.size(); ++i) {
        const connection::ImportCandidate &c = result.candidates.at(i);
        auto *item = new QTreeWidgetItem(m_list, {c.profile.displayName(), connection::toUrl(c.profile), c.profile.group, c.source,
                                                  c.note + (c.password ? tr(" (password found)") : QString())});
        item->setCheckState(0, Qt::Checked);
        item->setData(0, Qt::UserRole, int(i));
    }
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_list, 1);
    if (!result.warnings.isEmpty()) {
        auto *warnings = new QLabel(tr("Skipped:\n%1").arg(result.warnings.join(QLatin1Char('\n'))), this);
        warnings->setWordWrap(true);
        warnings->setStyleSheet(QStringLiteral("color: #8d6e00;"));
        layout->addWidget(warnings);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!result.candidates.isEmpty());
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(820, 420);
}

QList<connection::ImportCandidate> ImportReviewDialog::selected() const
{
    QList<connection::ImportCandidate> chosen;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_list->topLevelItem(i);
        if (item->checkState(0) == Qt::Checked)
            chosen << m_result.candidates.at(item->data(0, Qt::UserRole).toInt());
    }
    return chosen;
}

} // namespace strata::ui
