#include "alembicruncontroller.h"

#include "alembicrefusaldialog.h"

#include "migrate/alembic/alembiccommand.h"
#include "migrate/alembic/alembicpreflight.h"
#include "migrate/alembic/alembicprocess.h"

#include <QCryptographicHash>
#include <QSettings>

namespace strata::ui {

using namespace migrate::alembic;

namespace {
const QColor kRed(0xc6, 0x28, 0x28);
const QColor kGreen(0x2e, 0x8b, 0x57);
const QColor kBlue(0x1f, 0x6f, 0xd1);
const QColor kOrange(0xb3, 0x6b, 0x00);
} // namespace

AlembicRunController::AlembicRunController(connection::ConnectionSpec spec, QWidget *dialogParent)
    : QObject(nullptr), m_spec(std::move(spec)), m_dialogParent(dialogParent)
{
}

AlembicRunController::~AlembicRunController()
{
    delete m_process.data();   // kills its process group
    delete m_checking.data();
    delete m_locating.data();
}

QString AlembicRunController::settingsKey(const QString &folder)
{
    const QByteArray hash = QCryptographicHash::hash(folder.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStringLiteral("migrations/alembic/") + QString::fromLatin1(hash);
}

void AlembicRunController::setProject(const QString &folder, const QString &iniPath, const QString &versionsDir,
                                      const QStringList &revisionIds)
{
    m_folder = folder;
    m_iniPath = iniPath;
    m_versionsDir = versionsDir;
    m_revisionIds = revisionIds;
}

QStringList AlembicRunController::baseArgs() const
{
    return AlembicCommand::base(m_iniPath);
}

void AlembicRunController::locate()
{
    m_installation = {};
    m_advice.clear();
    delete m_locating.data();
    const QString chosen = QSettings().value(settingsKey(m_folder)).toString();
    auto *preflight = new AlembicPreflight(m_folder, QProcessEnvironment::systemEnvironment(), this);
    m_locating = preflight;
    preflight->find(chosen, [this, preflight](const Result<AlembicInstallation> &r) {
        preflight->deleteLater();
        if (r)
            m_installation = *r;
        else
            m_advice = r.error().message;
        Q_EMIT located(r.ok());
    });
}

void AlembicRunController::choosePath(const QString &path)
{
    QSettings().setValue(settingsKey(m_folder), path);
    locate();
}

void AlembicRunController::run(const QStringList &command, Done done)
{
    const QString shown = AlembicProcess::displayCommand(command);
    if (m_installation.python.isEmpty()) {
        Q_EMIT notRun(Error(ErrorKind::NotFound, m_advice.isEmpty() ? tr("No Alembic found for this project") : m_advice));
        done(nullptr);
        return;
    }
    Q_EMIT logMessage(tr("── $ %1   (in %2, with %3)").arg(shown, m_folder, m_installation.python), kBlue);
    if (!AlembicCommand::touchesDatabase(command)) {
        start(command, false, std::move(done));
        return;
    }
    Q_EMIT logMessage(tr("Asking the project's Alembic which database it would open (no connection is made)…"), {});
    auto *preflight = new AlembicPreflight(m_folder, QProcessEnvironment::systemEnvironment(), this);
    m_checking = preflight;
    preflight->check(m_installation, baseArgs(), m_spec.profile, m_spec.password,
                     [this, preflight, command, shown, done = std::move(done)](const Result<AlembicTarget> &t) {
        preflight->deleteLater();
        if (!t) {
            Q_EMIT logMessage(tr("✕ Strata could not find out which database Alembic would use; nothing was run:\n%1").arg(t.error().message), kRed);
            Q_EMIT notRun(Error(t.error().kind, tr("Not run: Strata could not find out which database Alembic would use. %1").arg(t.error().message)));
            done(nullptr);
            return;
        }
        if (t->matches()) {
            Q_EMIT logMessage(tr("✓ Alembic will connect to %1: this connection.").arg(t->configured.display()), kGreen);
            start(command, false, done);
            return;
        }
        Q_EMIT logMessage(tr("✕ REFUSED: %1").arg(t->refusal()), kRed);
        AlembicRefusalDialog dialog(*t, shown, m_dialogParent);
        const bool override = t->overrideWorks() && dialog.exec() == QDialog::Accepted;
        if (!override) {
            Q_EMIT refused(t->configured.display(), t->expected.display());
            done(nullptr);
            return;
        }
        Q_EMIT logMessage(tr("Running against this connection instead: %1; Alembic now connects to %2.")
                              .arg(t->overrideHow, t->overridden->display()), kOrange);
        start(command, true, done);
    });
}

void AlembicRunController::start(const QStringList &command, bool override, Done done)
{
    auto *process = new AlembicProcess(m_installation, m_folder, m_versionsDir, this);
    m_process = process;
    process->setKnownRevisions(m_revisionIds);
    QStringList options;
    if (override) {
        const AlembicOverride o = AlembicOverride::forProfile(m_spec.profile, m_spec.password, QProcessEnvironment::systemEnvironment());
        process->setEnvironment(o.environment);
        options = o.options;
    }
    connect(process, &AlembicProcess::lineRead, this, &AlembicRunController::lineRead);
    connect(process, &AlembicProcess::stepStarted, this, &AlembicRunController::stepStarted);
    connect(process, &AlembicProcess::finished, this, [process, done = std::move(done)] {
        done(process);
        process->deleteLater();
    });
    process->start(options + QStringList{QStringLiteral("--")} + baseArgs() + command);
}

bool AlembicRunController::cancel()
{
    if (!m_process || !m_process->isRunning())
        return false;
    m_process->cancel();
    return true;
}

} // namespace strata::ui
