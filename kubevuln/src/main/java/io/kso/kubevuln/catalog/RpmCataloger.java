package io.kso.kubevuln.catalog;

import io.kso.kubevuln.image.ImageException;
import io.kso.kubevuln.image.ImageException.Reason;
import io.kso.kubevuln.sbom.SbomPackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * RPM distributions with the SQLite package database (Fedora 33+, RHEL 9, Amazon Linux 2023):
 * {@code rpmdb.sqlite} is copied to a scratch file (SQLite needs random access), read, and deleted.
 * The Berkeley DB and NDB formats are not read.
 */
public final class RpmCataloger implements Cataloger {
  @Override
  public boolean accepts(String path, long size, int mode) {
    return path.equals("/var/lib/rpm/rpmdb.sqlite")
        || path.equals("/usr/lib/sysimage/rpm/rpmdb.sqlite");
  }

  @Override
  public List<SbomPackage> catalog(String path, InputStream content) throws IOException {
    Path scratch = Files.createTempFile("kubevuln-rpmdb", ".sqlite");
    try {
      Files.copy(content, scratch, StandardCopyOption.REPLACE_EXISTING);
      return read(scratch, path);
    } finally {
      Files.deleteIfExists(scratch);
    }
  }

  static List<SbomPackage> read(Path database, String location) {
    Properties props = new Properties();
    props.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
    List<SbomPackage> found = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database, props);
        var statement = c.createStatement();
        ResultSet rows = statement.executeQuery("SELECT blob FROM Packages")) {
      while (rows.next()) {
        RpmHeader.parse(rows.getBytes(1)).toPackage(location).ifPresent(found::add);
      }
    } catch (SQLException e) {
      throw new ImageException(
          Reason.CORRUPT_LAYER, location + " is not a readable rpmdb: " + e.getMessage(), e);
    }
    return found;
  }
}
