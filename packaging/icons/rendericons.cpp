// strata-render-icons: renders the scalable app icon to the PNG sizes of the hicolor theme
// at build time (Qt's SVG image plugin, so no rsvg/inkscape build dependency).
//   strata-render-icons SOURCE.svg OUTDIR NAME SIZE...  ->  OUTDIR/SIZExSIZE/apps/NAME.png

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QImageReader>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    QTextStream err(stderr);
    if (args.size() < 5) {
        err << "usage: strata-render-icons SOURCE.svg OUTDIR NAME SIZE...\n";
        return 2;
    }
    for (const QString &sizeText : args.mid(4)) {
        bool ok = false;
        const int size = sizeText.toInt(&ok);
        if (!ok || size <= 0) {
            err << "strata-render-icons: bad size " << sizeText << '\n';
            return 2;
        }
        QImageReader reader(args.at(1));
        reader.setScaledSize(QSize(size, size));
        const QImage image = reader.read();
        if (image.isNull()) {
            err << "strata-render-icons: cannot render " << args.at(1) << ": " << reader.errorString()
                << " (is Qt's SVG image plugin installed? Debian: libqt6svg6)\n";
            return 1;
        }
        const QString dir = QStringLiteral("%1/%2x%2/apps").arg(args.at(2)).arg(size);
        const QString out = QStringLiteral("%1/%2.png").arg(dir, args.at(3));
        if (!QDir().mkpath(dir) || !image.save(out, "PNG")) {
            err << "strata-render-icons: cannot write " << out << '\n';
            return 1;
        }
    }
    return 0;
}
