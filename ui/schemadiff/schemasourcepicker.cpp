#include "schemasourcepicker.h"

#include "catalog/catalogjobs.h"
#include "connection/connection.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>

namespace strata::ui {

using connection::Connection;

SchemaSourcePicker::SchemaSourcePicker(const QString &title, const QList<ConnectionChoice> &choices, QWidget *parent)
    : QGroupBox(title, parent)
    , m_choices(choices)
    , m_useDatabase(new QRadioButton(tr("Database"), this))
    , m_useFile(new QRadioButton(tr("schema.sql file"), this))
    , m_connections(new QComboBox(this))
    , m_schemas(new QComboBox(this))
    , m_file(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
{
    auto *group = new QButtonGroup(this);
    group->addButton(m_useDatabase);
    group->addButton(m_useFile);
    for (const ConnectionChoice &c : m_choices)
        m_connections->addItem(c.label);
    m_connections->setMinimumContentsLength(18);
    m_connections->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_schemas->setEditable(true);
    m_schemas->setMinimumContentsLength(10);
    m_schemas->setToolTip(tr("Schema"));
    m_file->setPlaceholderText(tr("A file of CREATE statements"));
    m_file->setClearButtonEnabled(true);

    auto *grid = new QGridLayout(this);
    grid->addWidget(m_useDatabase, 0, 0);
    grid->addWidget(m_connections, 0, 1);
    grid->addWidget(m_schemas, 0, 2);
    grid->addWidget(m_useFile, 1, 0);
    grid->addWidget(m_file, 1, 1);
    grid->addWidget(m_browse, 1, 2);
    grid->setColumnStretch(1, 3);
    grid->setColumnStretch(2, 1);

    auto syncEnabled = [this] {
        m_connections->setEnabled(m_useDatabase->isChecked());
        m_schemas->setEnabled(m_useDatabase->isChecked());
        m_file->setEnabled(m_useFile->isChecked());
        m_browse->setEnabled(m_useFile->isChecked());
    };
    connect(m_useDatabase, &QRadioButton::toggled, this, [this, syncEnabled] {
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

bool SchemaSourcePicker::isFile() const
{
    return m_useFile->isChecked();
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

} // namespace strata::ui
