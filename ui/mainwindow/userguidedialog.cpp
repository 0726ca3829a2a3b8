#include "userguidedialog.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace strata::ui {

QString UserGuideDialog::guidePath()
{
    const QString appDir = QCoreApplication::applicationDirPath();
    const QStringList candidates = {
        QDir(appDir).filePath(QStringLiteral("../share/doc/strata/README.md")),
        QDir(appDir).filePath(QStringLiteral("../share/doc/Strata/README.md")),
#ifdef STRATA_SOURCE_DIR
        QStringLiteral(STRATA_SOURCE_DIR "/README.md"),
#endif
    };
    for (const QString &path : candidates)
        if (QFile::exists(path))
            return QDir::cleanPath(path);
    return {};
}

UserGuideDialog::UserGuideDialog(QWidget *parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
{
    setWindowTitle(tr("Strata user guide"));
    m_browser->setOpenExternalLinks(true);
    const QString path = guidePath();
    QFile file(path);
    if (!path.isEmpty() && file.open(QIODevice::ReadOnly)) {
        m_browser->setSearchPaths({QFileInfo(path).absolutePath()});
        m_browser->setMarkdown(QString::fromUtf8(file.readAll()));
    } else {
        m_browser->setPlainText(tr("The user guide (README.md) is not installed on this machine."));
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    resize(860, 640);
}

} // namespace strata::ui
