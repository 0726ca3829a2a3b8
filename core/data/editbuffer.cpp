#include "editbuffer.h"

#include "base/undecodabletext.h"

#include "valuetype.h"

namespace strata::data {

QVariant RowEdit::value(int column) const
{
    auto it = changes.constFind(column);
    if (it != changes.constEnd())
        return it.value();
    return column < before.size() ? before.at(column) : QVariant();
}

QString identityKey(const QVariantList &identity)
{
    QString key;
    for (const QVariant &v : identity) {
        if (isSqlNull(v))
            key += QStringLiteral("N");
        else if (v.metaType().id() == QMetaType::QByteArray)
            key += QStringLiteral("b") + QString::fromLatin1(v.toByteArray().toHex());
        else if (v.metaType().id() == QMetaType::LongLong || v.metaType().id() == QMetaType::Int)
            key += QStringLiteral("i") + v.toString();
        else if (v.metaType().id() == QMetaType::Double)
            key += QStringLiteral("d") + QString::number(v.toDouble(), 'g', 17);
        else if (isUndecodableText(v))
            key += QStringLiteral("u") + QString::fromLatin1(v.value<UndecodableText>().bytes.toHex());
        else
            key += QStringLiteral("s") + v.toString();
        key += QChar(0x1f);
    }
    return key;
}

const RowEdit *EditBuffer::find(const QVariantList &identity) const
{
    auto it = m_keyed.constFind(identityKey(identity));
    return it == m_keyed.constEnd() ? nullptr : &it.value();
}

void EditBuffer::rememberKeyed(const QString &key)
{
    beginStep();
    Step &step = m_undo.last();
    if (!step.keyed.contains(key)) {
        auto it = m_keyed.constFind(key);
        step.keyed.insert(key, it == m_keyed.constEnd() ? std::nullopt : std::optional<RowEdit>(it.value()));
    }
    endStep();
}

void EditBuffer::rememberInserts()
{
    beginStep();
    if (!m_undo.last().inserts)
        m_undo.last().inserts = m_inserts;
    endStep();
}

void EditBuffer::beginStep()
{
    if (m_stepDepth++ == 0)
        m_undo.append(Step{});
}

void EditBuffer::endStep()
{
    if (--m_stepDepth == 0 && m_undo.last().keyed.isEmpty() && !m_undo.last().inserts)
        m_undo.removeLast();
}

bool EditBuffer::setCell(const QVariantList &identity, const QVariantList &before, int column, const QVariant &raw)
{
    const QString key = identityKey(identity);
    auto it = m_keyed.find(key);
    if (it != m_keyed.end() && it->kind == EditKind::Delete)
        return false;
    const QVariant original = it != m_keyed.end() ? it->before.value(column) : before.value(column);
    const bool same = sameRaw(original, raw);
    if (it == m_keyed.end() && same)
        return true;
    rememberKeyed(key);
    if (it == m_keyed.end()) {
        RowEdit edit;
        edit.kind = EditKind::Update;
        edit.identity = identity;
        edit.before = before;
        edit.sequence = ++m_sequence;
        it = m_keyed.insert(key, edit);
    }
    if (same)
        it->changes.remove(column);
    else
        it->changes.insert(column, raw);
    if (it->changes.isEmpty())
        m_keyed.erase(it);
    return true;
}

int EditBuffer::addInsert(const QMap<int, QVariant> &values)
{
    rememberInserts();
    RowEdit edit;
    edit.kind = EditKind::Insert;
    edit.changes = values;
    edit.sequence = ++m_sequence;
    m_inserts.append(edit);
    return int(m_inserts.size()) - 1;
}

void EditBuffer::setInsertCell(int index, int column, const QVariant &raw, bool clear)
{
    if (index < 0 || index >= m_inserts.size())
        return;
    rememberInserts();
    if (clear)
        m_inserts[index].changes.remove(column);
    else
        m_inserts[index].changes.insert(column, raw);
}

void EditBuffer::removeInsert(int index)
{
    if (index < 0 || index >= m_inserts.size())
        return;
    rememberInserts();
    m_inserts.removeAt(index);
}

void EditBuffer::markDeleted(const QVariantList &identity, const QVariantList &before)
{
    const QString key = identityKey(identity);
    rememberKeyed(key);
    auto it = m_keyed.find(key);
    if (it == m_keyed.end()) {
        RowEdit edit;
        edit.identity = identity;
        edit.before = before;
        edit.sequence = ++m_sequence;
        it = m_keyed.insert(key, edit);
    }
    it->kind = EditKind::Delete;
    it->changes.clear();
}

void EditBuffer::discard(const QVariantList &identity)
{
    const QString key = identityKey(identity);
    if (!m_keyed.contains(key))
        return;
    rememberKeyed(key);
    m_keyed.remove(key);
}

void EditBuffer::rebase(const QVariantList &identity, const QVariantList &before)
{
    const QString key = identityKey(identity);
    auto it = m_keyed.find(key);
    if (it == m_keyed.end())
        return;
    rememberKeyed(key);
    it = m_keyed.find(key);
    it->before = before;
    it->conflict = false;
    it->error.clear();
    it->theirs.reset();
}

bool EditBuffer::undo()
{
    if (m_undo.isEmpty() || m_stepDepth > 0)
        return false;
    const Step step = m_undo.takeLast();
    for (auto it = step.keyed.cbegin(); it != step.keyed.cend(); ++it) {
        if (it.value())
            m_keyed.insert(it.key(), *it.value());
        else
            m_keyed.remove(it.key());
    }
    if (step.inserts)
        m_inserts = *step.inserts;
    return true;
}

void EditBuffer::clear()
{
    m_keyed.clear();
    m_inserts.clear();
    m_undo.clear();
    m_stepDepth = 0;
}

void EditBuffer::clearErrors()
{
    for (RowEdit &e : m_keyed) {
        e.error.clear();
        e.conflict = false;
        e.theirs.reset();
    }
    for (RowEdit &e : m_inserts)
        e.error.clear();
}

void EditBuffer::setError(const QVariantList &identity, int insertIndex, const QString &message, bool conflict,
                          const std::optional<QVariantList> &theirs)
{
    RowEdit *edit = nullptr;
    if (insertIndex >= 0 && insertIndex < m_inserts.size())
        edit = &m_inserts[insertIndex];
    else if (auto it = m_keyed.find(identityKey(identity)); it != m_keyed.end())
        edit = &it.value();
    if (!edit)
        return;
    edit->error = message;
    edit->conflict = conflict;
    edit->theirs = theirs;
}

QList<RowEdit> EditBuffer::ordered() const
{
    QList<RowEdit> all = m_keyed.values();
    for (int i = 0; i < m_inserts.size(); ++i) {
        all.append(m_inserts.at(i));
        all.last().insertIndex = i;
    }
    std::sort(all.begin(), all.end(), [](const RowEdit &a, const RowEdit &b) { return a.sequence < b.sequence; });
    return all;
}

} // namespace strata::data
