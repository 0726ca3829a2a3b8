#include "welcomepage.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace strata::ui {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
{
    auto *title = new QLabel(tr("<h1 style='font-weight:600'>Strata</h1>"), this);
    auto *text = new QLabel(tr("<p>Browse SQLite files and PostgreSQL servers.</p>"
                               "<p>Double-click a table or view in the tree to browse and edit its rows; "
                               "right-click it and choose Properties for its columns, keys, indexes and DDL. "
                               "Type in the filter box to find an object.</p>"),
                            this);
    text->setWordWrap(true);
    text->setMaximumWidth(460);
    auto *open = new QPushButton(tr("Open a SQLite file…"), this);
    auto *connect = new QPushButton(tr("New connection…"), this);
    auto *demo = new QPushButton(tr("Open the demo database"), this);
    for (QPushButton *b : {open, connect, demo})
        b->setMinimumWidth(240);
    QObject::connect(open, &QPushButton::clicked, this, &WelcomePage::openFileRequested);
    QObject::connect(connect, &QPushButton::clicked, this, &WelcomePage::connectRequested);
    QObject::connect(demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);

    auto *column = new QVBoxLayout;
    column->setSpacing(10);
    column->addStretch(1);
    column->addWidget(title);
    column->addWidget(text);
    column->addSpacing(8);
    column->addWidget(open, 0, Qt::AlignLeft);
    column->addWidget(connect, 0, Qt::AlignLeft);
    column->addWidget(demo, 0, Qt::AlignLeft);
    column->addStretch(2);
    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column);
    outer->addStretch(2);
}

} // namespace strata::ui
