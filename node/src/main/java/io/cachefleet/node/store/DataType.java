package io.cachefleet.node.store;

/** The Redis data types, with the names TYPE and SCAN ... TYPE use. */
public enum DataType {
  STRING("string"),
  LIST("list"),
  SET("set"),
  ZSET("zset"),
  HASH("hash");

  private final String redisName;

  DataType(String redisName) {
    this.redisName = redisName;
  }

  public String redisName() {
    return redisName;
  }

  /** The type of a stored value: a {@code byte[]} string or a {@link StoredValue}. */
  public static DataType of(Object value) {
    return value instanceof byte[] ? STRING : ((StoredValue) value).type();
  }
}
