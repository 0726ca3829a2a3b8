#pragma once

// Declaring a mapping: once per struct, by pointer to member, in a specialisation of
// Mapping<T> (no macros, no generator). Everything the compiler can check is checked where
// the declaration is written: the member belongs to T, its type has ColumnTraits, a
// relationship's collection holds the mapped child type, the foreign key member belongs to
// the child. What only the values can tell (a key column that is optional, an index naming
// an unknown column) is reported by MetaData::validate().
//
//   template <> struct strata::mapping::Mapping<Book> {
//       static auto table() {
//           return Table<Book>("books")
//               .column(&Book::id, "id", PrimaryKey | AutoIncrement)
//               .column(&Book::title, "title")
//               .column(&Book::pages, "pages")              // std::optional: nullable
//               .foreignKey(&Book::authorId, "authors", "id", OnDelete::Cascade)
//               .index({"title"});
//       }
//   };

#include "columntraits.h"
#include "tabledef.h"

#include <array>
#include <concepts>
#include <memory>
#include <vector>

namespace strata::mapping {

/// Specialise for each mapped struct with `static Table<T> table()`.
template <typename T>
struct Mapping;

template <typename T>
concept Mapped = requires { Mapping<T>::table(); };

template <typename T>
const TableDef &tableDef();

template <typename T>
class Table {
    static_assert(std::is_default_constructible_v<T> && std::is_copy_constructible_v<T>,
                  "a mapped struct must be default-constructible and copyable");

public:
    explicit Table(Name name, Name schema = QString())
    {
        m_def.name = std::move(name.text);
        m_def.schema = std::move(schema.text);
        m_def.create = [] { return std::static_pointer_cast<void>(std::make_shared<T>()); };
        m_def.clone = [](const void *object) {
            return std::static_pointer_cast<void>(std::make_shared<T>(*static_cast<const T *>(object)));
        };
        m_def.assign = [](void *target, const void *source) { *static_cast<T *>(target) = *static_cast<const T *>(source); };
        m_def.createWithSnapshot = [](std::shared_ptr<void> *snapshot) {
            const auto both = std::make_shared<std::array<T, 2>>();
            *snapshot = std::shared_ptr<void>(both, &(*both)[1]);
            return std::shared_ptr<void>(both, &(*both)[0]);
        };
    }

    /// A column. NOT NULL follows the member type (std::optional is nullable) unless
    /// NotNull / Nullable say otherwise.
    template <typename M>
    Table &column(M T::*member, Name name, unsigned flags = NoFlags)
    {
        static_assert(ColumnTraits<M>::supported,
                      "this member type has no column mapping (see columntraits.h)");
        using Traits = ColumnTraits<M>;
        using Value = typename Unoptional<M>::type;
        ColumnDef c;
        c.name = std::move(name.text);
        c.type = Traits::type;
        c.primaryKey = flags & PrimaryKey;
        c.autoIncrement = flags & AutoIncrement;
        c.unique = flags & Unique;
        c.nullable = (Traits::nullable || (flags & Nullable)) && !(flags & NotNull) && !c.primaryKey;
        c.member = member;
        const bool asText = flags & EnumAsText;
        if constexpr (std::is_enum_v<Value>) {
            if (asText)
                c.type = ColumnType::Text;
        }
        c.encodeValue = [asText](const void *value) { return encode<Value>(*static_cast<const Value *>(value), asText); };
        c.read = [member, asText](const void *object) {
            const M &v = static_cast<const T *>(object)->*member;
            if constexpr (Traits::nullable) {
                return v ? encode<Value>(*v, asText) : QVariant();
            } else {
                return encode<Value>(v, asText);
            }
        };
        c.write = [member, asText](void *object, const QVariant &v) {
            assign<M>(static_cast<T *>(object)->*member, v, asText);
        };
        c.decodeValue = [asText](void *out, const QVariant &v) { assign<M>(*static_cast<M *>(out), v, asText); };
        c.writeCell = [member, asText](void *object, const Cell &cell) {
            M &target = static_cast<T *>(object)->*member;
            if (!assignCell(target, cell))
                assign<M>(target, cell.toVariant(), asText);
        };
        c.same = [member, asText](const void *a, const void *b) {
            return sameValue(static_cast<const T *>(a)->*member, static_cast<const T *>(b)->*member, asText);
        };
        if constexpr (std::is_integral_v<Value> && !std::is_same_v<Value, bool>) {
            c.readInteger = [member](const void *object, qint64 *out) {
                const M &v = static_cast<const T *>(object)->*member;
                if constexpr (Traits::nullable) {
                    if (!v)
                        return false;
                    *out = qint64(*v);
                } else {
                    *out = qint64(v);
                }
                return true;
            };
        }
        m_def.columns.push_back(std::move(c));
        return *this;
    }

    /// Enums stored by key name need Q_ENUM / Q_ENUM_NS: checked here at compile time.
    template <typename E>
        requires std::is_enum_v<E>
    Table &enumColumnAsText(E T::*member, Name name, unsigned flags = NoFlags)
    {
        static_assert(ColumnTraits<E>::hasKeyNames, "EnumAsText needs Q_ENUM / Q_ENUM_NS on the enum");
        return column(member, std::move(name), flags | EnumAsText);
    }

    /// A server default expression (SQL text, as in the DDL), e.g. "CURRENT_TIMESTAMP".
    /// A nullable member left empty on insert is omitted, so the server fills it in and the
    /// value is read back.
    template <typename M>
    Table &serverDefault(M T::*member, Name expression)
    {
        for (ColumnDef &c : m_def.columns) {
            if (const auto *p = std::any_cast<M T::*>(&c.member); p && *p == member)
                c.serverDefault = expression.text;
        }
        return *this;
    }

    /// A composite primary key by column names (in key order).
    Table &primaryKey(Names names)
    {
        const QStringList &columns = names.list;
        for (ColumnDef &c : m_def.columns) {
            if (columns.contains(c.name)) {
                c.primaryKey = true;
                c.nullable = false;
            }
        }
        m_keyOrder = columns;
        return *this;
    }

    template <typename M>
    Table &foreignKey(M T::*member, Name referencedTable, Name referencedColumn,
                      OnAction onDelete = OnAction::NoAction, OnAction onUpdate = OnAction::NoAction)
    {
        QString columnName;
        for (const ColumnDef &c : m_def.columns) {
            if (const auto *p = std::any_cast<M T::*>(&c.member); p && *p == member)
                columnName = c.name;
        }
        return foreignKey(QStringList{columnName}, std::move(referencedTable),
                          QStringList{referencedColumn.text}, onDelete, onUpdate);
    }

    Table &foreignKey(Names columns, Name referencedTable, Names referencedColumns,
                      OnAction onDelete = OnAction::NoAction, OnAction onUpdate = OnAction::NoAction,
                      Name name = QString())
    {
        m_def.foreignKeys.push_back({std::move(name.text), std::move(columns.list), std::move(referencedTable.text),
                                     std::move(referencedColumns.list), onDelete, onUpdate});
        return *this;
    }

    Table &index(Names names, bool unique = false, Name indexName = QString())
    {
        const QStringList &columns = names.list;
        QString name = indexName.text;
        if (name.isEmpty())
            name = (unique ? QStringLiteral("ux_") : QStringLiteral("ix_")) + m_def.name + QLatin1Char('_')
                + columns.join(QLatin1Char('_'));
        m_def.indexes.push_back({std::move(name), columns, unique});
        return *this;
    }

    Table &unique(Names columns)
    {
        m_def.uniqueConstraints.push_back(std::move(columns.list));
        return *this;
    }

    Table &check(Name name, Name expression)
    {
        m_def.checks.push_back({std::move(name.text), std::move(expression.text)});
        return *this;
    }

    /// One-to-many: `children` holds the objects whose `foreignKey` member refers to this
    /// table's primary key. Loaded only when asked (Session::load, Query::with).
    template <typename C, typename M>
    Table &hasMany(std::vector<std::shared_ptr<C>> T::*children, M C::*foreignKey,
                   unsigned cascade = SaveUpdate)
    {
        static_assert(Mapped<C>, "the child type needs a Mapping<> specialisation");
        RelationDef r;
        r.kind = RelationDef::Kind::OneToMany;
        r.target = &tableDef<C>;
        r.cascade = cascade;
        r.member = children;
        r.foreignKeyColumns = [foreignKey] {
            const ColumnDef *c = tableDef<C>().columnFor(foreignKey);
            return c ? QStringList{c->name} : QStringList();
        };
        r.getMany = [children](const void *object) {
            std::vector<std::shared_ptr<void>> out;
            for (const std::shared_ptr<C> &c : static_cast<const T *>(object)->*children)
                out.push_back(c);
            return out;
        };
        r.setMany = [children](void *object, const std::vector<std::shared_ptr<void>> &list) {
            auto &target = static_cast<T *>(object)->*children;
            target.clear();
            for (const std::shared_ptr<void> &c : list)
                target.push_back(std::static_pointer_cast<C>(c));
        };
        m_def.relations.push_back(std::move(r));
        return *this;
    }

    /// Many-to-one: `parent` is the object this row's `foreignKey` member refers to. It is a
    /// back-reference and so held weakly: the parent's `hasMany` collection (or the user's
    /// own handle, or the Session's identity map while the Session lives) owns it. A strong
    /// pointer here would make every parent and child loaded both ways keep each other
    /// alive forever (a reference cycle), so `std::shared_ptr` members are refused.
    template <typename P, typename M>
    Table &belongsTo(std::weak_ptr<P> T::*parent, M T::*foreignKey, unsigned cascade = SaveUpdate)
    {
        static_assert(Mapped<P>, "the parent type needs a Mapping<> specialisation");
        RelationDef r;
        r.kind = RelationDef::Kind::ManyToOne;
        r.target = &tableDef<P>;
        r.cascade = cascade;
        r.member = parent;
        r.foreignKeyColumns = [foreignKey] {
            const ColumnDef *c = tableDef<T>().columnFor(foreignKey);
            return c ? QStringList{c->name} : QStringList();
        };
        r.getOne = [parent](const void *object) {
            return std::static_pointer_cast<void>((static_cast<const T *>(object)->*parent).lock());
        };
        r.setOne = [parent](void *object, std::shared_ptr<void> value) {
            static_cast<T *>(object)->*parent = std::static_pointer_cast<P>(value);
        };
        m_def.relations.push_back(std::move(r));
        return *this;
    }

    /// A strong many-to-one pointer would form a cycle with the parent's collection.
    template <typename P, typename M>
    Table &belongsTo(std::shared_ptr<P> T::*, M T::*, unsigned = SaveUpdate)
    {
        static_assert(sizeof(P) == 0,
                      "belongsTo: declare the back-reference as std::weak_ptr<Parent> (a "
                      "std::shared_ptr would keep parent and children alive in a cycle)");
        return *this;
    }

    /// The finished description (primary key columns in key order).
    TableDef def() const
    {
        TableDef d = m_def;
        if (!m_keyOrder.isEmpty())
            d.keyOrder = m_keyOrder;
        d.keyIndexes = d.primaryKeyIndexes();
        return d;
    }

private:
    template <typename V>
    static QVariant encode(const V &v, bool asText)
    {
        if constexpr (std::is_enum_v<V>) {
            return asText ? ColumnTraits<V>::toText(v) : ColumnTraits<V>::toVariant(v);
        } else {
            Q_UNUSED(asText);
            return ColumnTraits<V>::toVariant(v);
        }
    }
    template <typename V>
    static V decode(const QVariant &v, bool asText)
    {
        if constexpr (std::is_enum_v<V>) {
            return asText ? ColumnTraits<V>::fromText(v) : ColumnTraits<V>::fromVariant(v);
        } else {
            Q_UNUSED(asText);
            return ColumnTraits<V>::fromVariant(v);
        }
    }

    template <typename M>
    static void assign(M &target, const QVariant &v, bool asText)
    {
        using Value = typename Unoptional<M>::type;
        if constexpr (ColumnTraits<M>::nullable) {
            if (v.isNull() || !v.isValid())
                target = std::nullopt;
            else
                target = decode<Value>(v, asText);
        } else {
            target = decode<Value>(v, asText);
        }
    }

    /// The typed shortcut of writeCell: false when the cell needs write()'s QVariant conversion.
    template <typename M>
    static bool assignCell(M &target, const Cell &cell)
    {
        using K = Cell::Kind;
        if constexpr (ColumnTraits<M>::nullable) {
            if (cell.kind == K::Null) {
                target = std::nullopt;
                return true;
            }
            typename Unoptional<M>::type value{};
            if (!assignCell(value, cell))
                return false;
            target = std::move(value);
            return true;
        } else if constexpr (std::is_same_v<M, bool>) {
            if (cell.kind != K::Integer)
                return false;
            target = cell.integer != 0;
            return true;
        } else if constexpr (std::is_integral_v<M>) {
            if (cell.kind != K::Integer)
                return false;
            target = M(cell.integer);
            return true;
        } else if constexpr (std::is_floating_point_v<M>) {
            if (cell.kind != K::Real && cell.kind != K::Integer)
                return false;
            target = M(cell.kind == K::Real ? cell.real : double(cell.integer));
            return true;
        } else if constexpr (std::is_same_v<M, QString>) {
            if (cell.kind != K::Text)
                return false;
            target = cell.size == 0 ? QStringLiteral("") : QString::fromUtf8(cell.data, cell.size);
            return true;
        } else if constexpr (std::is_same_v<M, QByteArray>) {
            if (cell.kind != K::Blob)
                return false;
            target = QByteArray(cell.data ? cell.data : "", cell.size);
            return true;
        } else if constexpr (std::is_same_v<M, QDateTime> || std::is_same_v<M, QDate> || std::is_same_v<M, QTime>) {
            if (cell.kind != K::Text)
                return false;
            // The traits' own text conversion, without the QVariant around the text.
            target = ColumnTraits<M>::fromText(QString::fromUtf8(cell.data, cell.size));
            return true;
        } else {
            return false;
        }
    }

    /// Equality of canonical values, without building them where the type's == agrees
    /// (QDateTime compares instants; a null QString equals the empty one; NaN equals NaN).
    template <typename M>
    static bool sameValue(const M &a, const M &b, bool asText)
    {
        if constexpr (ColumnTraits<M>::nullable) {
            if (!a || !b)
                return !a && !b;
            return sameValue(*a, *b, asText);
        } else if constexpr (std::is_floating_point_v<M>) {
            return a == b || (a != a && b != b);
        } else if constexpr (std::is_arithmetic_v<M> || std::is_same_v<M, QString> || std::is_same_v<M, QByteArray>
                             || std::is_same_v<M, QDate> || std::is_same_v<M, QTime> || std::is_same_v<M, QDateTime>) {
            return a == b;
        } else {
            return encode<M>(a, asText) == encode<M>(b, asText);
        }
    }

    TableDef m_def;
    QStringList m_keyOrder;
};

/// The shared, immutable description of a mapped struct, built on first use.
template <typename T>
const TableDef &tableDef()
{
    static_assert(Mapped<T>, "T needs a strata::mapping::Mapping<T> specialisation");
    static const TableDef def = Mapping<T>::table().def();
    return def;
}

} // namespace strata::mapping
