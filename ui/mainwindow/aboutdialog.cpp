#include "aboutdialog.h"

#include "base/buildinfo.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace strata::ui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About Strata"));
    const BuildInfo info = buildInfo();
    auto *title = new QLabel(QStringLiteral("<h2>Strata %1</h2><p>%2</p>")
                                 .arg(info.version.toHtmlEscaped(),
                                      tr("A native database browser for SQLite and PostgreSQL, with schema migrations.")),
                             this);
    title->setWordWrap(true);
    auto *details = new QLabel(QStringLiteral("<table>"
                                              "<tr><td>Commit</td><td>%1</td></tr>"
                                              "<tr><td>Qt</td><td>%2</td></tr>"
                                              "<tr><td>SQLite</td><td>%3</td></tr>"
                                              "<tr><td>libpq</td><td>%4</td></tr></table>")
                                   .arg(info.gitCommit, info.qtVersion, info.sqliteVersion, info.libpqVersion),
                               this);
    details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(details);
    layout->addWidget(buttons);
}

} // namespace strata::ui
