#pragma once

// RevisionEditor: the text editor of a revision file. The console's SqlEditor (SQL
// highlighting for the dialect, line numbers, comment toggling, zoom, error mark) with the
// file's parts drawn over the text: each `-- +upgrade` / `-- +downgrade` marker line as a
// coloured band naming the section, and a stripe down the left edge of every line of that
// section (green: upgrade, orange: downgrade). It runs nothing: no key of its own executes
// SQL (RevisionEditorTab offers running a section as an explicit, confirmed action).

#include "console/sqleditor.h"

namespace strata::ui {

class RevisionEditor : public SqlEditor {
    Q_OBJECT
public:
    enum class Part { Header, UpgradeMarker, Upgrade, DowngradeMarker, Downgrade };

    explicit RevisionEditor(exec::DialectKind dialect, QWidget *parent = nullptr);

    /// What line `line` (0-based) is part of, as the marker lines divide the text now.
    Part partOf(int line) const;
    /// The 0-based line of the first marker of `direction` ("upgrade", "downgrade"), or -1.
    int markerLine(const QString &direction) const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void scanParts();

    QList<Part> m_parts;          // one per line (text block)
    QStringList m_markerLabels;   // the band's text per line ("" when not a marker)
};

} // namespace strata::ui
