package io.aitbc.miner.tee;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * The few PKCS#11 calls an Ed25519 signature needs ({@code C_SignInit} with {@code CKM_EDDSA}, {@code C_Sign}), made
 * through the JDK's own PKCS#11 wrapper ({@code sun.security.pkcs11.wrapper}, module {@code jdk.crypto.cryptoki}).
 * <p>
 * Why not the {@code SunPKCS11} provider: its mechanism table (JDK 21 to 25) registers no EdDSA signature, only RSA,
 * DSA and ECDSA, so {@code Signature.getInstance("Ed25519", sunPkcs11)} fails although the wrapper knows
 * {@code CKM_EDDSA}. The wrapper is not exported: the JVM needs
 * {@code --add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED} (the fast-jar's manifest carries
 * it as {@code Add-Exports}, so {@code java -jar quarkus-run.jar} needs no flag). It is reached reflectively because
 * the project compiles with {@code --release 21}, which cannot see non-exported JDK packages.
 */
final class Pkcs11Module {

    static final String LOGIN_REFUSED = "PKCS#11 login refused";
    static final String EXPORT_FLAG = "--add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";

    static final long CKA_CLASS = 0x0;
    static final long CKA_LABEL = 0x3;
    static final long CKA_KEY_TYPE = 0x100;
    static final long CKA_EC_POINT = 0x181;
    static final long CKO_PUBLIC_KEY = 0x2;
    static final long CKO_PRIVATE_KEY = 0x3;
    static final long CKK_EC_EDWARDS = 0x40;
    static final long CKM_EDDSA = 0x1057;
    private static final long CKU_USER = 1;
    private static final long CKF_SERIAL_SESSION = 0x4;
    private static final long CKF_OS_LOCKING_OK = 0x2;
    private static final long CKR_USER_ALREADY_LOGGED_IN = 0x100;
    private static final String PACKAGE = "sun.security.pkcs11.wrapper.";

    private final Object p11;
    private final Class<?> attributeType;
    private final Constructor<?> attributeOfLong;
    private final Constructor<?> attributeOfObject;
    private final Constructor<?> mechanism;
    private final Method getSlotList;
    private final Method openSession;
    private final Method closeSession;
    private final Method login;
    private final Method findInit;
    private final Method find;
    private final Method findFinal;
    private final Method getAttribute;
    private final Method signInit;
    private final Method sign;
    private final Method byteArray;

    /** Loads and initialises the module; answers why not when the wrapper cannot be reached or the module fails. */
    Pkcs11Module(Path library) {
        try {
            Class<?> wrapper = Class.forName(PACKAGE + "PKCS11");
            Class<?> initArgs = Class.forName(PACKAGE + "CK_C_INITIALIZE_ARGS");
            attributeType = Class.forName(PACKAGE + "CK_ATTRIBUTE");
            Class<?> attributes = attributeType.arrayType();
            Class<?> mechanismType = Class.forName(PACKAGE + "CK_MECHANISM");
            attributeOfLong = attributeType.getConstructor(long.class, long.class);
            attributeOfObject = attributeType.getConstructor(long.class, Object.class);
            mechanism = mechanismType.getConstructor(long.class);
            getSlotList = wrapper.getMethod("C_GetSlotList", boolean.class);
            openSession = wrapper.getMethod("C_OpenSession", long.class, long.class, Object.class,
                    Class.forName(PACKAGE + "CK_NOTIFY"));
            closeSession = wrapper.getMethod("C_CloseSession", long.class);
            login = wrapper.getMethod("C_Login", long.class, long.class, char[].class);
            findInit = wrapper.getMethod("C_FindObjectsInit", long.class, attributes);
            find = wrapper.getMethod("C_FindObjects", long.class, long.class);
            findFinal = wrapper.getMethod("C_FindObjectsFinal", long.class);
            getAttribute = wrapper.getMethod("C_GetAttributeValue", long.class, long.class, attributes);
            signInit = wrapper.getMethod("C_SignInit", long.class, mechanismType, long.class);
            sign = wrapper.getMethod("C_Sign", long.class, byte[].class);
            byteArray = attributeType.getMethod("getByteArray");
            Object args = initArgs.getConstructor().newInstance();
            initArgs.getField("flags").setLong(args, CKF_OS_LOCKING_OK);
            p11 = wrapper.getMethod("getInstance", String.class, String.class, initArgs, boolean.class).invoke(null,
                    library.toString(), "C_GetFunctionList", args, false);
        } catch (ClassNotFoundException | NoSuchMethodException | NoSuchFieldException e) {
            throw new TeeException("this runtime has no JDK PKCS#11 wrapper (" + e.getMessage()
                    + "): PKCS#11 keys need the JVM, not a native executable");
        } catch (IllegalAccessException e) {
            throw new TeeException("the JDK's PKCS#11 wrapper is not exported to the agent: start the JVM with "
                    + EXPORT_FLAG + " (java -jar quarkus-run.jar sets it from the manifest)");
        } catch (InvocationTargetException | InstantiationException e) {
            throw new TeeException("cannot load the PKCS#11 module " + library + ": " + reason(e));
        }
    }

    long[] slotsWithToken() {
        return (long[]) call(getSlotList, true);
    }

    long openSession(long slot) {
        return (long) call(openSession, slot, CKF_SERIAL_SESSION, null, null);
    }

    void closeSession(long session) {
        call(closeSession, session);
    }

    /** Logs the user in; a user already logged in (by another session of this process) is fine. */
    void login(long session, char[] pin) {
        try {
            login.invoke(p11, session, CKU_USER, pin);
        } catch (InvocationTargetException e) {
            if (errorCode(e) != CKR_USER_ALREADY_LOGGED_IN) {
                throw new TeeException(LOGIN_REFUSED + ": " + reason(e));
            }
        } catch (IllegalAccessException e) {
            throw new TeeException("PKCS#11 call refused: " + e.getMessage());
        }
    }

    /** The handles of the objects of class {@code objectClass} labelled {@code label} (and of {@code keyType}, when not -1). */
    long[] find(long session, long objectClass, byte[] label, long keyType) {
        Object template = Array.newInstance(attributeType, keyType < 0 ? 2 : 3);
        Array.set(template, 0, construct(attributeOfLong, CKA_CLASS, objectClass));
        Array.set(template, 1, construct(attributeOfObject, CKA_LABEL, label));
        if (keyType >= 0) {
            Array.set(template, 2, construct(attributeOfLong, CKA_KEY_TYPE, keyType));
        }
        call(findInit, session, template);
        try {
            return (long[]) call(find, session, 4L);
        } finally {
            call(findFinal, session);
        }
    }

    /** One byte-array attribute of an object. */
    byte[] attribute(long session, long object, long type) {
        Object template = Array.newInstance(attributeType, 1);
        Array.set(template, 0, construct(attributeOfObject, type, null));
        call(getAttribute, session, object, template);
        try {
            return (byte[]) byteArray.invoke(Array.get(template, 0));
        } catch (ReflectiveOperationException e) {
            throw new TeeException("PKCS#11 attribute unreadable: " + e);
        }
    }

    /** {@code C_SignInit(CKM_EDDSA)} then {@code C_Sign}: pure Ed25519 over the whole payload. */
    byte[] signEdDsa(long session, long privateKey, byte[] payload) {
        Object eddsa = construct(mechanism, CKM_EDDSA);
        call(signInit, session, eddsa, privateKey);
        return (byte[]) call(sign, session, payload);
    }

    private Object call(Method method, Object... args) {
        try {
            return method.invoke(p11, args);
        } catch (InvocationTargetException e) {
            throw new TeeException(method.getName() + " failed: " + reason(e));
        } catch (IllegalAccessException e) {
            throw new TeeException("PKCS#11 call refused: " + e.getMessage());
        }
    }

    private static Object construct(Constructor<?> constructor, Object... args) {
        try {
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new TeeException("PKCS#11 structure unavailable: " + e);
        }
    }

    /** The PKCS#11 return value's name ({@code CKR_PIN_INCORRECT}), or the exception's own message. */
    private static String reason(ReflectiveOperationException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static long errorCode(InvocationTargetException e) {
        try {
            return (long) e.getCause().getClass().getMethod("getErrorCode").invoke(e.getCause());
        } catch (ReflectiveOperationException | RuntimeException unknown) {
            return -1;
        }
    }
}
