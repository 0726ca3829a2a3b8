#include "schemasourcepicker.h"

#include "catalog/catalogjobs.h"
#include "connection/connection.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFileDialog>
#include <QFile>
#include <QFileInfo>
#include <QGridLayout>
#include <QLineEdit>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QTimer>

namespace strata::ui {

using connection::Connection;

namespace {
constexpr int kRunnerTimeoutMs = 30000;
}

SchemaSourcePicker::SchemaSourcePicker(const QString &title, const QList<ConnectionChoice> &choices, QWidget *parent)
    : QGroupBox(title, parent)
    , m_choices(choices)
    , m_useDatabase(new QRadioButton(tr("Database"), this))
    , m_useFile(new QRadioButton(tr("schema.sql file"), this))
    , m_connections(new QComboBox(this))
    , m_schemas(new QComboBox(this))
    , m_file(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_useModels(new QRadioButton(tr("Models (runner)"), this))
    , m_runner(new QLineEdit(this))
    , m_browseRunner(new QPushButton(tr("Browse…"), this))
{
    auto *group = new QButtonGroup(this);
    group->addButton(m_useDatabase);
    group->addButton(m_useFile);
    group->addButton(m_useModels);
    for (const ConnectionChoice &c : m_choices)
        m_connections->addItem(c.label);
    // Two pickers side by side must fit 1024 px beside the tree (issue 19): the combos widen
    // with the window, their minimum stays small.
    m_connections->setMinimumContentsLength(10);
    m_connections->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_schemas->setEditable(true);
    m_schemas->setMinimumContentsLength(8);
    m_schemas->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_schemas->setToolTip(tr("Schema"));
    m_file->setPlaceholderText(tr("A file of CREATE statements"));
    m_file->setClearButtonEnabled(true);
    m_runner->setPlaceholderText(tr("A runner, e.g. books-migrate"));
    m_runner->setToolTip(tr("Runs RUNNER models-sql: the CREATE statements of its mapped structs"));
    m_useModels->setToolTip(tr("The models of a migration runner (its mapped structs)"));
    m_runner->setClearButtonEnabled(true);
    m_runner->setText(QSettings().value(runnerSettingsKey()).toString());

    auto *grid = new QGridLayout(this);
    grid->addWidget(m_useDatabase, 0, 0);
    grid->addWidget(m_connections, 0, 1);
    grid->addWidget(m_schemas, 0, 2);
    grid->addWidget(m_useFile, 1, 0);
    grid->addWidget(m_file, 1, 1);
    grid->addWidget(m_browse, 1, 2);
    grid->addWidget(m_useModels, 2, 0);
    grid->addWidget(m_runner, 2, 1);
    grid->addWidget(m_browseRunner, 2, 2);
    grid->setColumnStretch(1, 3);
    grid->setColumnStretch(2, 1);

    auto syncEnabled = [this] {
        m_connections->setEnabled(m_useDatabase->isChecked());
        m_schemas->setEnabled(m_useDatabase->isChecked());
        m_file->setEnabled(m_useFile->isChecked());
        m_browse->setEnabled(m_useFile->isChecked());
        m_runner->setEnabled(m_useModels->isChecked());
        m_browseRunner->setEnabled(m_useModels->isChecked());
    };
    for (QRadioButton *button : {m_useDatabase, m_useModels})
        connect(button, &QRadioButton::toggled, this, [this, syncEnabled] {
            syncEnabled();
            Q_EMIT changed();
        });
    connect(m_connections, &QComboBox::currentIndexChanged, this, [this] {
        m_wantedSchema.clear();
        openChosen();
        Q_EMIT changed();
    });
    connect(m_schemas, &QComboBox::currentTextChanged, this, &SchemaSourcePicker::changed);
    connect(m_file, &QLineEdit::textChanged, this, &SchemaSourcePicker::changed);
    connect(m_browse, &QPushButton::clicked, this, &SchemaSourcePicker::browse);
    connect(m_runner, &QLineEdit::textChanged, this, &SchemaSourcePicker::changed);
    connect(m_browseRunner, &QPushButton::clicked, this, &SchemaSourcePicker::browseRunner);

    m_useDatabase->setEnabled(!m_choices.isEmpty());
    (m_choices.isEmpty() ? m_useFile : m_useDatabase)->setChecked(true);
    syncEnabled();
    if (!m_choices.isEmpty())
        openChosen();
}

SchemaSourcePicker::~SchemaSourcePicker()
{
    // Joins the worker before the picker goes, so no callback reaches a dead object.
    delete m_conn.data();
}

void SchemaSourcePicker::selectConnection(int index, const QString &schema)
{
    m_useDatabase->setChecked(true);
    if (index == m_connections->currentIndex()) {
        if (!schema.isEmpty())
            m_schemas->setCurrentText(schema);
        m_wantedSchema = schema;
        return;
    }
    m_connections->setCurrentIndex(index);
    m_wantedSchema = schema;
    if (!schema.isEmpty())
        m_schemas->setCurrentText(schema);
}

void SchemaSourcePicker::selectFile(const QString &path)
{
    m_useFile->setChecked(true);
    m_file->setText(path);
}

connection::Connection *SchemaSourcePicker::connection() const
{
    return m_conn.data();
}

void SchemaSourcePicker::selectModels(const QString &runnerPath)
{
    m_useModels->setChecked(true);
    m_runner->setText(runnerPath);
}

bool SchemaSourcePicker::isFile() const
{
    return !m_useDatabase->isChecked();
}

bool SchemaSourcePicker::isModels() const
{
    return m_useModels->isChecked();
}

QString SchemaSourcePicker::runnerPath() const
{
    return m_runner->text().trimmed();
}

QString SchemaSourcePicker::runnerSettingsKey()
{
    return QStringLiteral("schemaDiff/modelsRunner");
}

const ConnectionChoice *SchemaSourcePicker::choice() const
{
    const int i = m_connections->currentIndex();
    return i >= 0 && i < m_choices.size() ? &m_choices[i] : nullptr;
}

QString SchemaSourcePicker::schema() const
{
    return m_schemas->currentText().trimmed();
}

QString SchemaSourcePicker::filePath() const
{
    return m_file->text().trimmed();
}

QString SchemaSourcePicker::description() const
{
    if (isModels())
        return tr("%1 models").arg(QFileInfo(runnerPath()).fileName());
    if (isFile())
        return QFileInfo(filePath()).fileName();
    const ConnectionChoice *c = choice();
    return c ? c->label + QStringLiteral(" › ") + schema() : QString();
}

void SchemaSourcePicker::openChosen()
{
    delete m_conn.data();
    m_schemas->clear();
    const ConnectionChoice *c = choice();
    if (!c)
        return;
    m_conn = new Connection(c->spec.profile, QStringLiteral("schemadiff"), this);
    m_conn->open(c->spec.password);
    const bool sqlite = c->spec.profile.isSqlite();
    m_schemas->addItem(sqlite ? QStringLiteral("main") : QStringLiteral("public"));
    if (!m_wantedSchema.isEmpty())
        m_schemas->setCurrentText(m_wantedSchema);
    // The schema list follows the open on the worker (jobs run in order).
    catalog::fetchSchemas(*m_conn, this, false, [this](Result<QList<catalog::SchemaInfo>> schemas) {
        if (schemas) {
            const QString keep = m_wantedSchema.isEmpty() ? m_schemas->currentText() : m_wantedSchema;
            QSignalBlocker block(m_schemas);
            m_schemas->clear();
            for (const catalog::SchemaInfo &s : schemas.value())
                if (!s.isSystem && s.name != QLatin1String("temp"))
                    m_schemas->addItem(s.name);
            m_schemas->setCurrentText(keep);
        }
        Q_EMIT schemasLoaded();
    });
}

void SchemaSourcePicker::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a schema file"), filePath(),
                                                      tr("SQL files (*.sql);;All files (*)"));
    if (!path.isEmpty())
        m_file->setText(path);
}

void SchemaSourcePicker::browseRunner()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a migration runner"), runnerPath());
    if (!path.isEmpty())
        m_runner->setText(path);
}

void SchemaSourcePicker::readSql(bool postgres, QObject *context, std::function<void(Result<QString>)> done)
{
    if (!isModels()) {
        QFile file(filePath());
        if (!file.open(QIODevice::ReadOnly))
            done(Error(ErrorKind::Io, tr("Cannot read %1: %2").arg(filePath(), file.errorString())));
        else
            done(QString::fromUtf8(file.readAll()));
        return;
    }
    const QString runner = runnerPath();
    if (runner.isEmpty()) {
        done(Error(ErrorKind::Io, tr("Choose a migration runner (an application built with strata::migrate::runCommandLine).")));
        return;
    }
    QSettings().setValue(runnerSettingsKey(), runner);
    // Owned by the caller's context: closing the tab kills a runner that is still going.
    auto *process = new QProcess(context);
    auto finish = std::make_shared<std::function<void(Result<QString>)>>(std::move(done));
    // A QProcess being destroyed with its context may still emit finished: the guard is
    // already cleared then, so no callback reaches a half-destroyed tab.
    auto report = [process, finish, guard = QPointer<QObject>(context)](Result<QString> result) {
        if (!*finish || !guard)
            return;
        auto callback = std::move(*finish);
        *finish = nullptr;
        process->deleteLater();
        callback(std::move(result));
    };
    auto *timer = new QTimer(process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, process, [process, report, runner] {
        process->kill();
        report(Error(ErrorKind::Busy, tr("%1 models-sql did not finish within %2 seconds.").arg(runner).arg(kRunnerTimeoutMs / 1000)));
    });
    connect(process, &QProcess::errorOccurred, process, [process, report, runner](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            report(Error(ErrorKind::Io, tr("Cannot run %1: %2").arg(runner, process->errorString())));
    });
    connect(process, &QProcess::finished, process, [process, report, runner](int code, QProcess::ExitStatus status) {
        const QString err = QString::fromUtf8(process->readAllStandardError()).trimmed();
        if (status != QProcess::NormalExit || code != 0)
            report(Error(ErrorKind::Io, tr("%1 models-sql failed (exit %2): %3").arg(runner).arg(code).arg(err)));
        else
            report(QString::fromUtf8(process->readAllStandardOutput()));
    });
    timer->start(kRunnerTimeoutMs);
    process->start(runner, {QStringLiteral("models-sql"), QStringLiteral("--dialect"),
                            postgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite")});
}

} // namespace strata::ui
