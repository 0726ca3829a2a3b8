#pragma once

// Colour tags of connections: a few named tags people recognise ("production" is red), or
// any "#rrggbb". The tag lives in the profile as text (core has no colours); this maps it to
// a colour and paints the small dot that marks a tagged connection's icon.

#include <QColor>
#include <QIcon>
#include <QList>
#include <QString>

namespace strata::ui {

struct ColorTag {
    QString name;     ///< stored in the profile: "production"
    QString label;    ///< shown: "Production"
    QColor color;
};

/// The named tags, in menu order (no tag first is the caller's business).
const QList<ColorTag> &colorTags();

/// The colour of a tag name or "#rrggbb"; invalid for no tag or an unknown name.
QColor colorForTag(const QString &tag);

/// True for the tags that mean "be careful": production, or any red-dominant colour.
bool isDangerTag(const QString &tag);

/// `icon` with a dot of `color` in its lower right corner (the icon itself for no colour).
QIcon taggedIcon(const QIcon &icon, const QColor &color);

/// A plain round swatch, for menus and combo boxes.
QIcon colorSwatch(const QColor &color);

} // namespace strata::ui
