#include "griddelegate.h"

#include "data/tablemodel.h"
#include "connection/connection.h"
#include "cellinputfeedback.h"
#include "foreignkeyeditor.h"

#include <QApplication>
#include <QCalendarWidget>
#include <QKeyEvent>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPainter>
#include <QRegularExpressionValidator>
#include <QTimeEdit>

#include <limits>

namespace strata::ui {

using data::TableModel;
using data::ValueType;

namespace {

/// Accepts only text that parses as JSON.
class JsonValidator : public QValidator {
public:
    using QValidator::QValidator;
    State validate(QString &input, int &) const override
    {
        QJsonParseError error;
        QJsonDocument::fromJson(input.toUtf8(), &error);
        if (error.error == QJsonParseError::NoError)
            return Acceptable;
        // Scalars are valid JSON too, but QJsonDocument only parses arrays and objects.
        QJsonDocument::fromJson(QByteArray("[") + input.toUtf8() + QByteArray("]"), &error);
        return error.error == QJsonParseError::NoError ? Acceptable : Intermediate;
    }
};

constexpr const char *kTouched = "strataTouched";

/// Marks the editor touched on the signals a user's change sends (setEditorData resets it).
void watchUserChanges(QWidget *editor)
{
    auto touch = [editor] { editor->setProperty(kTouched, true); };
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        QObject::connect(combo, &QComboBox::activated, editor, touch);   // also when the same item is chosen
        QObject::connect(combo, &QComboBox::currentIndexChanged, editor, touch);
    } else if (auto *dateTime = qobject_cast<QDateTimeEdit *>(editor)) {
        QObject::connect(dateTime, &QDateTimeEdit::dateTimeChanged, editor, touch);
        if (QCalendarWidget *calendar = dateTime->calendarWidget())   // the day shown, picked again
            QObject::connect(calendar, &QCalendarWidget::clicked, editor, touch);
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        QObject::connect(line, &QLineEdit::textChanged, editor, touch);
    }
    editor->setProperty(kTouched, false);
}

/// The sentence a validated editor shows when it refuses input; empty: no validator.
QString inputRule(const data::ColumnMeta &meta)
{
    switch (meta.type) {
    case ValueType::Integer:
        return GridDelegate::tr("%1 is an integer column: digits only, with an optional sign. Esc keeps the old value.").arg(meta.name);
    case ValueType::Real:
    case ValueType::Numeric:
        return GridDelegate::tr("%1 is a number column: digits with an optional sign, decimal point and exponent "
                                "(1.5e3), or NaN / Infinity. Esc keeps the old value.").arg(meta.name);
    case ValueType::Json:
        return GridDelegate::tr("%1 is a JSON column: the text is not valid JSON yet. Esc keeps the old value.").arg(meta.name);
    case ValueType::Bytes:
        return GridDelegate::tr("%1 holds bytes: hexadecimal digits, two per byte. Esc keeps the old value.").arg(meta.name);
    default:
        return {};
    }
}

/// Whether a column type's own editor (combo, date/time editor, validated line edit) fits a
/// cell: only when the model offers the value in that editor's type, which it does only when
/// the value converts back exactly (TableModel's EditRole, data::rawToEdit), or the cell is
/// NULL. Otherwise the value is edited as the text (or the bytes) it is, so that no editor
/// ever writes a value other than the one the person set.
bool typedEditorFits(ValueType type, const QVariant &value)
{
    if (data::isSqlNull(value))
        return true;
    const int id = value.metaType().id();
    switch (type) {
    case ValueType::Bool: return id == QMetaType::Bool;
    case ValueType::Integer: return id == QMetaType::LongLong;
    case ValueType::Real:
    case ValueType::Numeric: return id == QMetaType::Double || id == QMetaType::LongLong || id == QMetaType::QString;
    case ValueType::Date: return id == QMetaType::QDate;
    case ValueType::Time: return id == QMetaType::QTime;
    case ValueType::Timestamp:
    case ValueType::TimestampTz: return id == QMetaType::QDateTime;
    case ValueType::Bytes: return id == QMetaType::QByteArray;
    default: return id == QMetaType::QString;
    }
}

QColor rowTint(TableModel::RowState state)
{
    switch (state) {
    case TableModel::RowState::Inserted: return QColor(0xe3, 0xf4, 0xe1);
    case TableModel::RowState::Deleted: return QColor(0xfb, 0xe3, 0xe4);
    case TableModel::RowState::Failed: return QColor(0xf8, 0xc9, 0xcc);
    default: return {};
    }
}

} // namespace

GridDelegate::GridDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void GridDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const auto state = TableModel::RowState(index.data(TableModel::RowStateRole).toInt());
    QColor tint = rowTint(state);
    if (index.data(TableModel::CellChangedRole).toBool() && state != TableModel::RowState::Failed)
        tint = state == TableModel::RowState::Inserted ? QColor(0xc8, 0xea, 0xc4) : QColor(0xff, 0xed, 0xb3);
    if (tint.isValid() && !(opt.state & QStyle::State_Selected))
        opt.backgroundBrush = tint;
    if (state == TableModel::RowState::Deleted)
        opt.font.setStrikeOut(true);
    const bool isNull = index.data(TableModel::IsNullRole).toBool();
    const bool isDefault = index.data(TableModel::IsDefaultRole).toBool();
    if (isNull || isDefault || state == TableModel::RowState::Loading) {
        opt.text = state == TableModel::RowState::Loading ? QStringLiteral("…") : isNull ? QStringLiteral("NULL") : tr("DEFAULT");
        opt.font.setItalic(true);
        opt.palette.setColor(QPalette::Text, QColor(0x99, 0x99, 0x99));
        opt.displayAlignment = Qt::AlignCenter;
    }
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
}

void GridDelegate::setLookupConnection(connection::Connection *connection)
{
    m_lookupConnection = connection;
}

QWidget *GridDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() >= m_info.columns.size())
        return QStyledItemDelegate::createEditor(parent, option, index);
    QWidget *editor = createTypedEditor(parent, m_info.columns.at(index.column()), index);
    if (editor)
        watchUserChanges(editor);
    return editor;
}

QWidget *GridDelegate::createTypedEditor(QWidget *parent, const data::ColumnMeta &meta, const QModelIndex &index) const
{
    const QVariant value = index.data(Qt::EditRole);
    const bool typed = typedEditorFits(meta.type, value);
    switch (typed ? meta.type : ValueType::Other) {
    case ValueType::Bool: {
        auto *combo = new QComboBox(parent);
        combo->addItem(QStringLiteral("true"), true);
        combo->addItem(QStringLiteral("false"), false);
        return combo;
    }
    case ValueType::Enum: {
        auto *combo = new QComboBox(parent);
        combo->addItems(meta.enumLabels);
        return combo;
    }
    case ValueType::Date: {
        if (!value.isNull() && value.toDate() < QDate(100, 1, 1))
            break;   // before any date editor's range (it would clamp): edited as text below
        auto *edit = new QDateEdit(parent);
        edit->setMinimumDate(QDate(100, 1, 1));
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setCalendarPopup(true);
        return edit;
    }
    case ValueType::Time: {
        auto *edit = new QTimeEdit(parent);
        edit->setDisplayFormat(QStringLiteral("HH:mm:ss.zzz"));
        return edit;
    }
    case ValueType::Timestamp:
    case ValueType::TimestampTz: {
        if (!value.isNull() && value.toDateTime().date() < QDate(100, 1, 1))
            break;
        auto *edit = new QDateTimeEdit(parent);
        edit->setMinimumDate(QDate(100, 1, 1));
        edit->setDisplayFormat(meta.type == ValueType::TimestampTz ? QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t")
                                                                   : QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        edit->setCalendarPopup(true);
        return edit;
    }
    default:
        break;
    }
    if (m_lookupConnection && data::ForeignKeyLookup::foreignKeyOf(m_info, index.column())) {
        // No validator: names are typed to search; the value set is resolvedKey().
        return new ForeignKeyEditor(m_lookupConnection, m_info, index.column(), parent);
    }
    const bool multiLine = value.metaType().id() == QMetaType::QString && value.toString().contains(QLatin1Char('\n'));
    if (multiLine || (value.metaType().id() == QMetaType::QByteArray && value.toByteArray().size() > 256)) {
        Q_EMIT valueDialogRequested(index);
        return nullptr;
    }
    auto *edit = new QLineEdit(parent);
    edit->setFrame(false);
    edit->setMaxLength(std::numeric_limits<int>::max());   // the default, 32767, cuts longer values
    if (!typed)
        return edit;
    if (meta.type == ValueType::Integer)
        edit->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[-+]?\\d+")), edit));
    else if (meta.type == ValueType::Real || meta.type == ValueType::Numeric)
        edit->setValidator(new QRegularExpressionValidator(
            QRegularExpression(QStringLiteral("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|NaN|[-+]?Infinity")), edit));
    else if (meta.type == ValueType::Json)
        edit->setValidator(new JsonValidator(edit));
    else if (meta.type == ValueType::Bytes)
        edit->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("([0-9a-fA-F]{2})*")), edit));
    if (edit->validator())
        CellInputFeedback::attach(edit, inputRule(meta));
    return edit;
}

void GridDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    const QVariant value = index.data(Qt::EditRole);
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        const int found = value.metaType().id() == QMetaType::Bool ? combo->findData(value) : combo->findText(value.toString());
        combo->setCurrentIndex(qMax(0, found));
    } else if (auto *dateTime = qobject_cast<QDateTimeEdit *>(editor)) {
        // QDateEdit and QTimeEdit are QDateTimeEdits too.
        if (value.metaType().id() == QMetaType::QDate)
            dateTime->setDate(value.toDate());
        else if (value.metaType().id() == QMetaType::QTime)
            dateTime->setTime(value.toTime());
        else if (value.metaType().id() == QMetaType::QDateTime)
            dateTime->setDateTime(value.toDateTime());
        else if (qobject_cast<QTimeEdit *>(editor))
            dateTime->setTime(QTime::currentTime());
        else
            dateTime->setDateTime(QDateTime::currentDateTime());
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        if (value.metaType().id() == QMetaType::QByteArray)
            line->setText(QString::fromLatin1(value.toByteArray().toHex()));
        else
            line->setText(value.toString());
    } else {
        QStyledItemDelegate::setEditorData(editor, index);
    }
    if (editor->property(kTouched).isValid())
        editor->setProperty(kTouched, false);   // what setEditorData put there is not the user's
}

bool GridDelegate::isTouched(const QWidget *editor)
{
    const QVariant touched = editor->property(kTouched);
    return !touched.isValid() || touched.toBool();
}

bool GridDelegate::eventFilter(QObject *object, QEvent *event)
{
    QPointer<QLineEdit> line = qobject_cast<QLineEdit *>(object);
    int key = 0;
    if (event->type() == QEvent::KeyPress)
        key = static_cast<QKeyEvent *>(event)->key();
    const bool commitKey = key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Tab || key == Qt::Key_Backtab;
    const bool handled = QStyledItemDelegate::eventFilter(object, event);
    // The base class keeps an editor open when its text is not acceptable yet: say why.
    if (commitKey && line && !line->hasAcceptableInput())
        if (CellInputFeedback *feedback = CellInputFeedback::of(line))
            feedback->showRefusal();
    return handled;
}

void GridDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (!isTouched(editor))
        return;   // tabbed through: the cell keeps its value, DEFAULT or NULL
    if (auto *combo = qobject_cast<QComboBox *>(editor)) {
        model->setData(index, combo->currentData().isValid() ? combo->currentData() : QVariant(combo->currentText()));
    } else if (auto *timeEdit = qobject_cast<QTimeEdit *>(editor)) {
        model->setData(index, timeEdit->time());
    } else if (auto *dateEdit = qobject_cast<QDateEdit *>(editor)) {
        model->setData(index, dateEdit->date());
    } else if (auto *dateTime = qobject_cast<QDateTimeEdit *>(editor)) {
        model->setData(index, dateTime->dateTime());
    } else if (auto *lookup = qobject_cast<ForeignKeyEditor *>(editor)) {
        model->setData(index, lookup->resolvedKey());
    } else if (auto *line = qobject_cast<QLineEdit *>(editor)) {
        if (!line->hasAcceptableInput())
            return;
        model->setData(index, line->text().isNull() ? QString(QStringLiteral("")) : line->text());
    } else {
        QStyledItemDelegate::setModelData(editor, model, index);
    }
}

} // namespace strata::ui
