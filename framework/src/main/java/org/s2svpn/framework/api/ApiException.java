package org.s2svpn.framework.api;

import static java.util.Objects.requireNonNull;

/**
 * An error the API reports to its caller: HTTP status and {@code errorcode} from {@link ApiErrorCode},
 * {@code cserrorcode} as CloudStack's CSExceptionErrorCode gives it for the exception it would have thrown.
 */
public class ApiException extends RuntimeException {
    /** CloudStack's cserrorcode for a ServerApiException (parameter processing, unknown commands). */
    public static final int CS_SERVER_API = 9999;
    public static final int CS_INVALID_PARAMETER = 4350;
    public static final int CS_PERMISSION_DENIED = 4365;
    public static final int CS_CLOUD_RUNTIME = 4250;
    public static final int CS_RESOURCE_UNAVAILABLE = 4385;

    private final ApiErrorCode errorCode;
    private final Integer csErrorCode;

    public ApiException(ApiErrorCode errorCode, Integer csErrorCode, String message) {
        super(requireNonNull(message, "message"));
        this.errorCode = requireNonNull(errorCode, "errorCode");
        this.csErrorCode = csErrorCode;
    }

    public ApiException(ApiErrorCode errorCode, Integer csErrorCode, String message, Throwable cause) {
        this(errorCode, csErrorCode, message);
        initCause(cause);
    }

    /** A value a user gave is wrong (CloudStack's InvalidParameterValueException). */
    public static ApiException invalidParameter(String message) {
        return new ApiException(ApiErrorCode.PARAM_ERROR, CS_INVALID_PARAMETER, message);
    }

    /** The framework could not read a parameter (missing, wrong type, unknown id). */
    public static ApiException paramError(String message) {
        return new ApiException(ApiErrorCode.PARAM_ERROR, CS_SERVER_API, message);
    }

    public static ApiException permissionDenied(String message) {
        return new ApiException(ApiErrorCode.ACCOUNT_ERROR, CS_PERMISSION_DENIED, message);
    }

    public static ApiException internal(String message) {
        return new ApiException(ApiErrorCode.INTERNAL_ERROR, CS_CLOUD_RUNTIME, message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(ApiErrorCode.RESOURCE_UNAVAILABLE_ERROR, CS_RESOURCE_UNAVAILABLE, message);
    }

    public static ApiException unsupported(String message) {
        return new ApiException(ApiErrorCode.UNSUPPORTED_ACTION_ERROR, CS_SERVER_API, message);
    }

    public static ApiException unauthorized() {
        return new ApiException(ApiErrorCode.UNAUTHORIZED, null, "unable to verify user credentials and/or request signature");
    }

    public ApiErrorCode errorCode() {
        return errorCode;
    }

    /** Null where CloudStack leaves cserrorcode out (401). */
    public Integer csErrorCode() {
        return csErrorCode;
    }
}
