#include "pgtoolfolder.h"

#include <QLineEdit>
#include <QProcessEnvironment>
#include <QSettings>

namespace strata::ui {

namespace {
const char *kKey = "backup/toolFolder";
}

backup::ToolSearch PgToolFolder::search()
{
    const QString folder = QSettings().value(QLatin1String(kKey)).toString().trimmed();
    return backup::ToolSearch::fromEnvironment(QProcessEnvironment::systemEnvironment(), folder);
}

QLineEdit *PgToolFolder::makeEdit(QWidget *parent)
{
    auto *edit = new QLineEdit(QSettings().value(QLatin1String(kKey)).toString(), parent);
    edit->setPlaceholderText(QObject::tr("optional: a folder with pg_dump, pg_restore and psql"));
    edit->setToolTip(QObject::tr("Searched besides PATH and /usr/lib/postgresql/*/bin; the lowest version "
                                 "at least the server's is used."));
    edit->setClearButtonEnabled(true);
    QObject::connect(edit, &QLineEdit::textChanged, edit, [](const QString &text) {
        QSettings().setValue(QLatin1String(kKey), text.trimmed());
    });
    return edit;
}

} // namespace strata::ui
